using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Policies;

/// <summary>
/// One rule a change must pass before anything is written: token rights, the production channel, the production
/// check, the consistency check, the gate rules. A policy looks at every environment of the command at once and
/// refuses those that break it.
/// </summary>
public interface IChangePolicy
{
    /// <summary>True when the policy applies to <paramref name="subcommand"/> (set or delete).</summary>
    bool AppliesTo(FeatureSubcommand subcommand);

    /// <summary>Evaluates the policy and records refusals in <paramref name="context"/>.</summary>
    ValueTask EvaluateAsync(PolicyContext context, CancellationToken cancellationToken);
}
