namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>
/// A door policy: a rule about who may change what through this door (token rights, the production channel, the
/// production users), checked before the change reaches the guard rails of <see cref="Changes.FlagChangeService"/>.
/// A policy looks at every environment of the command at once and refuses those that break it; set and delete alike.
/// </summary>
public interface IDoorPolicy
{
    /// <summary>Evaluates the policy and records refusals in <paramref name="context"/>.</summary>
    ValueTask EvaluateAsync(DoorPolicyContext context, CancellationToken cancellationToken);
}
