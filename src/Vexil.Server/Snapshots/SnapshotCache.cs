using System.Collections.Concurrent;
using System.Diagnostics;
using Vexil.Core.Evaluation;
using Vexil.Core.Groups;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Snapshots;

/// <summary>
/// Holds every environment's immutable <see cref="FlagSnapshot"/>. Readers take the current reference and never
/// lock or touch the database; writers follow the store's change feed in sequence order and swap in a new snapshot.
/// </summary>
/// <remarks>
/// The change feed is the single way in: after a local write, <see cref="CatchUpAsync"/> applies the new event (and
/// any gap, such as another replica's writes, from the store), and <see cref="SnapshotSyncService"/> polls for
/// changes made elsewhere. Applying strictly by sequence number makes the snapshot equal the store at that number.
/// </remarks>
public sealed class SnapshotCache
{
    private const int CatchUpBatch = 500;

    private readonly IFlagStore store;
    private readonly EnvironmentCatalog environments;
    private readonly DefinitionRegistry definitions;
    private readonly FeatureGroupRegistry groups;
    private readonly ChangeFeed feed;
    private readonly ILogger<SnapshotCache> logger;
    private readonly ConcurrentDictionary<string, FlagSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    // When each environment's snapshot was last known to equal the store (Stopwatch timestamps), for its age.
    private readonly ConcurrentDictionary<string, long> confirmedAt = new(StringComparer.Ordinal);

    /// <summary>Creates the cache; <see cref="LoadAllAsync"/> fills it.</summary>
    public SnapshotCache(
        IFlagStore store,
        EnvironmentCatalog environments,
        DefinitionRegistry definitions,
        FeatureGroupRegistry groups,
        ChangeFeed feed,
        ILogger<SnapshotCache> logger)
    {
        this.store = store;
        this.environments = environments;
        this.definitions = definitions;
        this.groups = groups;
        this.feed = feed;
        this.logger = logger;
        foreach (var environment in environments.All)
        {
            snapshots[environment.Name] = FlagSnapshot.Empty(environment.Name);
            gates[environment.Name] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>The feature groups snapshots are built with.</summary>
    public FeatureGroupRegistry Groups => groups;

    /// <summary>The current snapshot of an environment (by canonical name).</summary>
    public FlagSnapshot Get(string environment) =>
        snapshots.TryGetValue(environment, out var snapshot)
            ? snapshot
            : throw new ArgumentException($"Unknown environment '{environment}'.", nameof(environment));

    /// <summary>
    /// How long ago an environment's snapshot was last known to equal the store (loaded, or caught up with its change
    /// feed); null before the first load. It stays below the sync poll interval while the store answers, and grows
    /// while it does not: the snapshot is then serving state that may be stale.
    /// </summary>
    public TimeSpan? Age(string environment) =>
        confirmedAt.TryGetValue(environment, out var at) ? Stopwatch.GetElapsedTime(at) : null;

    /// <summary>Loads every environment from the store; called at start-up and when definitions change.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var environment in environments.All)
        {
            await ReloadAsync(environment.Name, cancellationToken);
        }
    }

    /// <summary>Rebuilds one environment's snapshot from the store.</summary>
    public async Task ReloadAsync(string environment, CancellationToken cancellationToken = default)
    {
        var gate = gates[environment];
        await gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadLockedAsync(environment, "the environment was reloaded from the store", cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Brings an environment's snapshot up to date with the store. <paramref name="justWritten"/>, when given, is an
    /// event this process just wrote: if it is the next one, it is applied without asking the store.
    /// </summary>
    public async Task CatchUpAsync(string environment, AuditEvent? justWritten = null, CancellationToken cancellationToken = default)
    {
        var gate = gates[environment];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = snapshots[environment];
            if (justWritten is not null && justWritten.Sequence <= snapshot.Sequence)
            {
                return; // already applied by an earlier catch-up
            }

            if (justWritten is not null && justWritten.Sequence == snapshot.Sequence + 1)
            {
                Swap(snapshot.WithFlag(justWritten.Flag, justWritten.After, justWritten.Sequence), FeedEvent.Change(environment, justWritten.Sequence, justWritten.Flag, justWritten.After));
                Confirm(environment);
                return;
            }

            while (true)
            {
                var changes = await store.GetChangesSinceAsync(environment, snapshot.Sequence, CatchUpBatch, cancellationToken);
                foreach (var change in changes)
                {
                    if (change.Sequence != snapshot.Sequence + 1)
                    {
                        logger.LogWarning(
                            "Change feed of {Environment} jumped from {Sequence} to {Next}; reloading the environment.",
                            environment,
                            snapshot.Sequence,
                            change.Sequence);
                        await ReloadLockedAsync(environment, $"the change feed jumped from {snapshot.Sequence} to {change.Sequence}", cancellationToken);
                        return;
                    }

                    snapshot = snapshot.WithFlag(change.Flag, change.After, change.Sequence);
                    Swap(snapshot, FeedEvent.Change(environment, change.Sequence, change.Flag, change.After));
                }

                if (changes.Count < CatchUpBatch)
                {
                    Confirm(environment);
                    return;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // Callers hold the environment's gate.
    // A wholesale reload cannot be told as change events: consumers get a reset, unless the snapshot's content cannot
    // have moved (same sequence, same definition defaults), as when definitions change elsewhere.
    private async Task ReloadLockedAsync(string environment, string reason, CancellationToken cancellationToken)
    {
        var previous = snapshots[environment];
        var state = await store.LoadEnvironmentAsync(environment, cancellationToken);
        var snapshot = FlagSnapshot.Build(environment, state.Sequence, state.Flags, definitions.Current.DefaultsByName, groups);
        var unchanged = previous.Sequence == snapshot.Sequence && SameDefaults(previous.DefinitionDefaults, snapshot.DefinitionDefaults);
        Swap(snapshot, unchanged ? null : FeedEvent.Reset(environment, snapshot.Sequence, reason));
        Confirm(environment);
    }

    /// <summary>
    /// Records that the store was read at <paramref name="storeSequence"/> for <paramref name="environment"/>: when the
    /// snapshot is at that sequence it is known to equal the store now (its age, <c>vexil_snapshot_age_seconds</c>,
    /// starts again from zero) and no catch-up is needed. Returns false when the snapshot differs: catch it up.
    /// </summary>
    public bool ConfirmIfCurrent(string environment, long storeSequence)
    {
        if (snapshots[environment].Sequence != storeSequence)
        {
            return false;
        }

        Confirm(environment);
        return true;
    }

    private static bool SameDefaults(IReadOnlyDictionary<string, bool> left, IReadOnlyDictionary<string, bool> right) =>
        ReferenceEquals(left, right)
        || (left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && value == pair.Value));

    private void Confirm(string environment) => confirmedAt[environment] = Stopwatch.GetTimestamp();

    // The snapshot is swapped inside the feed's publication (ChangeFeed.Publish), before the event is delivered: a
    // consumer told of a change already reads it, and a snapshot reader never gets ahead of the feed.
    private void Swap(FlagSnapshot snapshot, FeedEvent? feedEvent)
    {
        if (feedEvent is null)
        {
            snapshots[snapshot.Environment] = snapshot;
            return;
        }

        feed.Publish(feedEvent, () => snapshots[snapshot.Environment] = snapshot);
    }
}
