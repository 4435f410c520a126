using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>
/// A door policy: a rule about who may change what through this door (token rights, the production channel, the
/// production users), checked before the change reaches the guard rails of <see cref="Changes.FlagChangeService"/>.
/// A policy looks at every environment of the command at once and refuses those that break it.
/// </summary>
public interface IDoorPolicy
{
    /// <summary>True when the policy applies to <paramref name="subcommand"/> (set or delete).</summary>
    bool AppliesTo(FeatureSubcommand subcommand);

    /// <summary>Evaluates the policy and records refusals in <paramref name="context"/>.</summary>
    ValueTask EvaluateAsync(DoorPolicyContext context, CancellationToken cancellationToken);
}
