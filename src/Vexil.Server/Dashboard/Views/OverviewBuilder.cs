using Microsoft.Extensions.Options;
using Vexil.Server.Definitions;
using Vexil.Server.Lifecycle;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Dashboard.Views;

/// <summary>Builds the overview matrix from the in-memory snapshots and definitions; it never reads the database.</summary>
public sealed class OverviewBuilder(SnapshotCache snapshots, DefinitionRegistry definitions, IOptionsMonitor<LifecycleOptions> lifecycle, TimeProvider clock)
{
    /// <summary>
    /// Every flag that has a definition or a stored state in one of <paramref name="envs"/> (the environments the
    /// token may read), sorted by name, filtered; one cell per environment of <paramref name="envs"/>. <paramref name="stale"/>
    /// is the lifecycle's judgement (<see cref="StaleFlagCache"/>), already made: the overview asks no database itself.
    /// </summary>
    public IReadOnlyList<OverviewRow> Build(OverviewFilter filter, IReadOnlyList<VexilEnvironment> envs, IReadOnlyDictionary<string, StaleFlag>? stale = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(envs);
        var catalog = definitions.Current;
        var envSnapshots = envs.Select(environment => snapshots.Get(environment.Name)).ToArray();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(catalog.ByName.Keys);
        foreach (var snapshot in envSnapshots)
        {
            foreach (var flag in snapshot.Flags)
            {
                if (flag.IsPersisted)
                {
                    names.Add(flag.Name);
                }
            }
        }

        var now = clock.GetUtcNow();
        var lifetimes = lifecycle.CurrentValue;
        var errorNames = catalog.HasErrors ? catalog.Errors.Select(error => Path.GetFileNameWithoutExtension(error.Path)).ToHashSet(StringComparer.Ordinal) : null;
        var rows = new List<OverviewRow>(names.Count);
        foreach (var name in names)
        {
            catalog.TryGet(name, out var definition);
            bool? defaultEnabled = definition?.DefaultEnabled;
            var cells = new CellSummary[envSnapshots.Length];
            for (var i = 0; i < envSnapshots.Length; i++)
            {
                cells[i] = CellSummary.Of(envSnapshots[i].GetState(name), defaultEnabled);
            }

            var row = new OverviewRow(
                name,
                definition,
                errorNames?.Contains(name) == true,
                definition is not null && LifetimeMark.IsPast(definition, lifetimes, now),
                cells)
            {
                Stale = stale?.GetValueOrDefault(name),
            };
            if (filter.Matches(row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
