using Vexil.Core.State;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Policies;

/// <summary>
/// GitLab's set check 8: production must not be ahead of staging. Enabling a flag on production (<c>true</c> or a
/// percentage above 0) is refused unless staging has it enabled (on or conditional); disabling it on staging
/// (<c>false</c> or <c>0</c>) is refused while production has it enabled. When the same command also changes the
/// other environment, the check looks at what that environment will be, so
/// <c>feature set x true --staging --production</c> passes and <c>feature set x false --staging --production</c> too.
/// </summary>
public sealed class ConsistencyPolicy(ConsistencyScope scope, SnapshotCache snapshots) : IChangePolicy
{
    private readonly VexilEnvironment? staging = scope.Staging;
    private readonly VexilEnvironment? production = scope.Production;

    /// <inheritdoc />
    public bool AppliesTo(FeatureSubcommand subcommand) => subcommand == FeatureSubcommand.Set;

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        var value = FeatureValue.TryParse(context.Command.Value);
        if (context.Command.IgnoreConsistencyCheck || value is null || staging is null || production is null || staging == production)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var plan in context.Plans)
        {
            var broken =
                (plan.Environment == production && value.Enables && !EnabledAfter(context, staging, context.Command.Name!))
                || (plan.Environment == staging && value.Disables && EnabledAfter(context, production, context.Command.Name!));
            if (broken)
            {
                context.Refuse(plan, CommandMessages.InconsistentStatus);
            }
        }

        return ValueTask.CompletedTask;
    }

    // The other environment's state once this command is done: as planned if the command changes it, else as it is.
    private bool EnabledAfter(PolicyContext context, VexilEnvironment environment, string flag) =>
        context.Plans.FirstOrDefault(plan => plan.Environment == environment) is { } plan
            ? plan.ProjectedEnabled
            : snapshots.Get(environment.Name).TryGetFlag(flag, out var compiled) && compiled.Status != FlagStatus.Off;
}
