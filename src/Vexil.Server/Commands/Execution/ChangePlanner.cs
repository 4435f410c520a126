using Vexil.Core.State;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary>Works out each environment's <see cref="EnvironmentPlan"/> from the current snapshots.</summary>
public sealed class ChangePlanner(SnapshotCache snapshots)
{
    /// <summary>Plans a change: <paramref name="operations"/> for a set, empty for a delete.</summary>
    public IReadOnlyList<EnvironmentPlan> Plan(FeatureCommand command, IReadOnlyList<GateOperation> operations)
    {
        var name = command.Name!;
        var delete = command.Subcommand == FeatureSubcommand.Delete;
        var plans = new List<EnvironmentPlan>();
        foreach (var environment in command.Environments)
        {
            if (delete)
            {
                plans.Add(new EnvironmentPlan(environment, [], true, null));
                continue;
            }

            var state = snapshots.Get(environment.Name).GetState(name) ?? FlagState.Empty;
            string? refusal = null;
            foreach (var operation in operations)
            {
                refusal = operation.ApplyTo(state, out state);
                if (refusal is not null)
                {
                    break;
                }
            }

            plans.Add(new EnvironmentPlan(environment, operations, false, refusal is null ? state : null));
        }

        return plans;
    }
}
