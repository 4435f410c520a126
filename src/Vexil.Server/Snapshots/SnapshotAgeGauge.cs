using System.Diagnostics.Metrics;
using Vexil.Server.Environments;
using Vexil.Server.Telemetry;

namespace Vexil.Server.Snapshots;

/// <summary>
/// <c>vexil.snapshot.age</c>: per environment, the seconds since its snapshot was last known to equal the store
/// (<see cref="SnapshotCache.Age"/>). Evaluations are answered from the snapshot, so a growing age means answers that may
/// miss changes made on other replicas; an alert on it catches a database this server can no longer follow.
/// </summary>
internal sealed class SnapshotAgeGauge
{
    /// <summary>Registers the observable gauge on the server's meter.</summary>
    public SnapshotAgeGauge(IMeterFactory meters, SnapshotCache snapshots, EnvironmentCatalog environments) =>
        VexilMeter.Create(meters).CreateObservableGauge(
            "vexil.snapshot.age",
            () => environments.All
                .Select(environment => (environment.Name, Age: snapshots.Age(environment.Name)))
                .Where(pair => pair.Age is not null)
                .Select(pair => new Measurement<double>(pair.Age!.Value.TotalSeconds, new KeyValuePair<string, object?>("environment", pair.Name))),
            unit: "s",
            description: "Seconds since the environment's snapshot was last known to equal the store.");
}
