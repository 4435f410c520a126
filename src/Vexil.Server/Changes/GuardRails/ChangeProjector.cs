using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>Works out each environment's <see cref="EnvironmentProjection"/> from the current snapshots.</summary>
public sealed class ChangeProjector(SnapshotCache snapshots, EnvironmentCatalog environments, DefinitionRegistry definitions)
{
    /// <summary>Projects every request of <paramref name="change"/>, in order. The requests must have passed validation.</summary>
    public IReadOnlyList<EnvironmentProjection> Project(FlagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var defaultEnabled = definitions.Current.TryGet(change.Flag, out var definition) && definition.DefaultEnabled;
        var projections = new List<EnvironmentProjection>(change.Requests.Count);
        foreach (var request in change.Requests)
        {
            var environment = environments.Resolve(request.Environment)!;
            var snapshot = snapshots.Get(environment.Name);
            var currentlyEnabled = snapshot.TryGetFlag(request.Flag, out var flag) && flag.Status != FlagStatus.Off;
            if (request.Delete)
            {
                // Without stored state the flag falls back to its definition's default_enabled.
                projections.Add(new EnvironmentProjection(request, environment, null, defaultEnabled, false, false, null));
                continue;
            }

            var state = snapshot.GetState(request.Flag) ?? FlagState.Empty;
            var refusal = request.ApplyTo(state, out var after);
            var projected = refusal is null ? after : null;
            projections.Add(new EnvironmentProjection(
                request,
                environment,
                projected,
                projected?.IsEnabledAnywhere ?? currentlyEnabled,
                request.Operations.Any(operation => Enables(operation, projected)),
                request.Operations.Any(operation => Disables(operation, projected)),
                refusal));
        }

        return projections;
    }

    /// <summary>The state of <paramref name="environment"/> once the change is done: as projected if it changes it, else as it is.</summary>
    public bool EnabledAfter(IReadOnlyList<EnvironmentProjection> projections, VexilEnvironment environment, string flag) =>
        projections.FirstOrDefault(projection => projection.Environment == environment) is { } projection
            ? projection.ProjectedEnabled
            : snapshots.Get(environment.Name).TryGetFlag(flag, out var compiled) && compiled.Status != FlagStatus.Off;

    // GitLab's consistency check speaks of values: true and percentages above 0 enable, false and 0 disable. A
    // percentage operation's new value is the projected state's, which needs no access to the operation's insides.
    private static bool Enables(GateOperation operation, FlagState? projected) => operation.Action switch
    {
        "enable" or "enable_actor" or "enable_group" => true,
        "enable_percentage_of_actors" => projected?.PercentageOfActors.IsEnabled ?? true,
        "enable_percentage_of_time" => projected?.PercentageOfTime.IsEnabled ?? true,
        _ => false,
    };

    private static bool Disables(GateOperation operation, FlagState? projected) => operation.Action switch
    {
        "disable" or "disable_actor" or "disable_group" => true,
        "enable_percentage_of_actors" => projected is not null && !projected.PercentageOfActors.IsEnabled,
        "enable_percentage_of_time" => projected is not null && !projected.PercentageOfTime.IsEnabled,
        _ => false,
    };
}
