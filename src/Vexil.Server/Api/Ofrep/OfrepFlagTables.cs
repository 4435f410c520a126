using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// The current <see cref="OfrepFlagTable"/> of each environment. A request compares references with the current
/// snapshot and definitions and rebuilds only when either was swapped, so the steady state is two reads.
/// </summary>
internal sealed class OfrepFlagTables
{
    private readonly SnapshotCache snapshots;
    private readonly DefinitionRegistry definitions;
    private readonly byte[] configurationFingerprint;
    private readonly OfrepFlagTable?[] tables;
    private readonly OfrepEvaluationCounters counters;
    private readonly Lock buildLock = new();

    public OfrepFlagTables(SnapshotCache snapshots, DefinitionRegistry definitions, EnvironmentCatalog environments, byte[] configurationFingerprint, OfrepEvaluationCounters counters)
    {
        this.counters = counters;
        this.snapshots = snapshots;
        this.definitions = definitions;
        this.configurationFingerprint = configurationFingerprint;
        tables = new OfrepFlagTable?[environments.All.Count];
    }

    /// <summary>The table for an environment's current snapshot and definitions.</summary>
    public OfrepFlagTable Get(VexilEnvironment environment)
    {
        var snapshot = snapshots.Get(environment.Name);
        var catalog = definitions.Current;
        var table = Volatile.Read(ref tables[environment.Order]);
        if (table is not null && ReferenceEquals(table.Snapshot, snapshot) && ReferenceEquals(table.Definitions, catalog))
        {
            return table;
        }

        // One builder at a time: right after a change every in-flight request would otherwise build the same table.
        lock (buildLock)
        {
            table = Volatile.Read(ref tables[environment.Order]);
            if (table is not null && ReferenceEquals(table.Snapshot, snapshot) && ReferenceEquals(table.Definitions, catalog))
            {
                return table;
            }

            table = OfrepFlagTable.Build(snapshot, catalog, configurationFingerprint, counters);
            Volatile.Write(ref tables[environment.Order], table);
            return table;
        }
    }
}
