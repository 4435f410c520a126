using Vexil.Server.Commands.Policies;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// The policies about the door, in the order they run: token rights, then GitLab's check 6 (the production channel)
/// and Vexil's production users. Each runs across every environment of the command; the first policy that refuses
/// anywhere ends the checking. The guard rails every door shares (definition, production and consistency checks, gate
/// rules) run after these, in <see cref="Changes.FlagChangeService"/>.
/// </summary>
public sealed class ChangePolicies(
    TokenPermissionPolicy tokens,
    ProductionChannelPolicy channel,
    ProductionUsersPolicy users)
{
    /// <summary>The policies, in order.</summary>
    public IReadOnlyList<IChangePolicy> InOrder { get; } = [tokens, channel, users];
}
