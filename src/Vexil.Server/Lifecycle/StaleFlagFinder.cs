using Microsoft.Extensions.Options;
using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// Judges the server's current flags with <see cref="StaleFlagJudge"/>: definitions as loaded, states from the in-memory
/// snapshots of every environment, last changes from the audit trail, evaluations from <see cref="IEvaluationActivity"/>.
/// </summary>
public sealed class StaleFlagFinder(
    DefinitionRegistry definitions,
    EnvironmentCatalog environments,
    SnapshotCache snapshots,
    IFlagStore store,
    IEvaluationActivity evaluations,
    IOptionsMonitor<LifecycleOptions> options,
    TimeProvider time)
{
    /// <summary>The N of the rules, in days.</summary>
    public int StaleAfterDays => options.CurrentValue.StaleAfterDays;

    /// <summary>The stale flags now, by name.</summary>
    public Task<IReadOnlyList<StaleFlag>> FindAsync(CancellationToken cancellationToken = default)
    {
        var states = environments.All.ToDictionary(
            environment => environment.Name,
            environment => (IReadOnlyDictionary<string, FlagState>)snapshots.Get(environment.Name).Flags
                .Where(flag => flag.State is not null)
                .ToDictionary(flag => flag.Name, flag => flag.State!, StringComparer.Ordinal),
            StringComparer.Ordinal);
        var inputs = new StaleFlagInputs(
            definitions.Current,
            environments.All.Select(environment => environment.Name).ToArray(),
            states,
            LastChangeAsync,
            evaluations,
            options.CurrentValue,
            time.GetUtcNow());
        return StaleFlagJudge.JudgeAsync(inputs, cancellationToken);
    }

    private async Task<DateTimeOffset?> LastChangeAsync(string flag, CancellationToken cancellationToken)
    {
        var page = await store.QueryAuditAsync(new AuditQuery(Flag: flag, PageSize: 1), cancellationToken);
        return page.Events.Count > 0 ? page.Events[0].OccurredAt : null;
    }
}
