using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Policies;

/// <summary>
/// Flipper's and GitLab's gate rules (e.g. "Cannot enable percentage of actors for a fully-enabled flag"), checked
/// against each environment's current state before anything is written, so one environment's refusal does not leave
/// the others half changed.
/// </summary>
public sealed class GateRulesPolicy : IChangePolicy
{
    /// <inheritdoc />
    public bool AppliesTo(FeatureSubcommand subcommand) => subcommand == FeatureSubcommand.Set;

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        foreach (var plan in context.Plans)
        {
            if (plan.GateRefusal is { } refusal)
            {
                context.Refuse(plan, refusal);
            }
        }

        return ValueTask.CompletedTask;
    }
}
