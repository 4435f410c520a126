namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>
/// The door policies of the command door, in the order they run: token rights, then GitLab's check 6 (the production
/// channel) and Vexil's production users. Each runs across every environment of the command; the first policy that
/// refuses anywhere ends the checking. The guard rails every door shares (definition, production and consistency
/// checks, gate rules) run after these, in <see cref="Changes.FlagChangeService"/>.
/// </summary>
public sealed class DoorPolicyOrder(
    TokenRightsPolicy tokens,
    ProductionChannelPolicy channel,
    ProductionUsersPolicy users)
{
    /// <summary>The policies, in order.</summary>
    public IReadOnlyList<IDoorPolicy> InOrder { get; } = [tokens, channel, users];
}
