using Vexil.Core.State;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Definitions;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary>Works out each environment's <see cref="EnvironmentPlan"/> from the current snapshots.</summary>
public sealed class ChangePlanner(SnapshotCache snapshots, DefinitionRegistry definitions)
{
    /// <summary>Plans a change: <paramref name="operations"/> for a set, empty for a delete.</summary>
    public IReadOnlyList<EnvironmentPlan> Plan(FeatureCommand command, IReadOnlyList<GateOperation> operations)
    {
        var name = command.Name!;
        var delete = command.Subcommand == FeatureSubcommand.Delete;
        var defaultEnabled = definitions.Current.TryGet(name, out var definition) && definition.DefaultEnabled;
        var plans = new List<EnvironmentPlan>();
        foreach (var environment in command.Environments)
        {
            var snapshot = snapshots.Get(environment.Name);
            var currentlyEnabled = snapshot.TryGetFlag(name, out var flag) && flag.Status != FlagStatus.Off;
            if (delete)
            {
                // Without stored state the flag falls back to its definition's default_enabled.
                plans.Add(new EnvironmentPlan(environment, [], true, currentlyEnabled, null, defaultEnabled, null));
                continue;
            }

            var state = snapshot.GetState(name) ?? FlagState.Empty;
            string? refusal = null;
            foreach (var operation in operations)
            {
                refusal = operation.ApplyTo(state, out state);
                if (refusal is not null)
                {
                    break;
                }
            }

            plans.Add(refusal is null
                ? new EnvironmentPlan(environment, operations, false, currentlyEnabled, state, state.IsEnabledAnywhere, null)
                : new EnvironmentPlan(environment, operations, false, currentlyEnabled, null, currentlyEnabled, refusal));
        }

        return plans;
    }
}
