using Vexil.Client.Metrics;
using Vexil.Client.Sync;
using Vexil.Core.Collections;
using Vexil.Core.Evaluation;
using Vexil.Core.Groups;
using Vexil.Core.State;

namespace Vexil.Client.Evaluation;

/// <summary>
/// The writer side of the client's flags: keeps the current snapshot document, the application's group predicates and
/// every flag's counters, and publishes a new immutable <see cref="ClientFlagTable"/> after each change. Writers (the
/// sync loop, <see cref="VexilClient.RegisterGroup"/>) take a lock; readers never do.
/// </summary>
internal sealed class FlagTableBuilder
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Func<Actor, bool>> predicates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvaluationCounts> counts = new(StringComparer.Ordinal);
    private StringMap<ClientFlag> entries = StringMap<ClientFlag>.Empty;
    private readonly Action<ClientFlagTable> publish;
    private FeatureGroupRegistry groups = FeatureGroupRegistry.Empty;

    public FlagTableBuilder(Action<ClientFlagTable> publish)
    {
        this.publish = publish;
    }

    /// <summary>The document last applied, or null before the first.</summary>
    public SnapshotDocument? Document { get; private set; }

    /// <summary>Replaces everything with a new snapshot; returns the flags whose state or default differs from before.</summary>
    public IReadOnlyList<string> ReplaceSnapshot(SnapshotDocument document)
    {
        lock (gate)
        {
            var previous = Document;
            Document = document;
            if (previous is not null && SameGroups(previous.Groups, document.Groups))
            {
                // A flag whose state (or default) is the same as before keeps its compiled form: a snapshot fetched
                // again after a reset or a poll mostly repeats what the client has, and compiling 10,000 flags again
                // (with the garbage collections their promotion costs) was most of applying one.
                RebuildAll(previous);
            }
            else
            {
                groups = BuildGroups(document);
                RebuildAll();
            }

            return Differences(previous, document);
        }
    }

    /// <summary>Applies one change event (a null state removes the flag's stored state).</summary>
    public void ApplyChange(long sequence, string flag, FlagState? state)
    {
        lock (gate)
        {
            var document = Document ?? throw new InvalidOperationException("A change arrived before any snapshot.");
            if (state is null)
            {
                document.Flags.Remove(flag);
            }
            else
            {
                document.Flags[flag] = state;
            }

            document.Sequence = sequence;
            document.ETag = null; // the saved ETag no longer describes this content
            // One flag changes: the table is updated in place of a copy (StringMap.SetItem/Remove), not rebuilt.
            var compiled = Compile(document, flag);
            entries = compiled is null ? entries.Remove(flag) : entries.SetItem(flag, new ClientFlag(compiled, CountsFor(flag)));
            Publish(sequence);
        }
    }

    /// <summary>Adds (or replaces) an application-defined group and recompiles the flags.</summary>
    public void RegisterGroup(string name, Func<Actor, bool> predicate)
    {
        lock (gate)
        {
            predicates[name] = predicate;
            groups = BuildGroups(Document);
            RebuildAll();
        }
    }

    /// <summary>Every flag's counters that have been used, for a metrics flush.</summary>
    public List<KeyValuePair<string, EvaluationCounts>> Counters()
    {
        lock (gate)
        {
            return [.. counts];
        }
    }

    // Compiles every flag into a new table; with previous (whose groups equal the current ones), a flag whose state or
    // default equals the one in previous reuses its compiled entry from the current table.
    private void RebuildAll(SnapshotDocument? previous = null)
    {
        if (Document is { } document)
        {
            // Straight into the table, with no dictionary in between (at 10,000 flags one would land on the
            // large-object heap on every snapshot). The table keeps a name's last value, so a stored state, which
            // comes second, wins over a default.
            var current = entries;
            var compiled = document.Defaults
                .Where(pair => !document.Flags.ContainsKey(pair.Key))
                .Select(pair => KeyValuePair.Create(pair.Key, Reuse(current, previous, pair.Key, pair.Value) ?? new ClientFlag(CompiledFlag.FromDefinitionDefault(pair.Key, pair.Value), CountsFor(pair.Key))))
                .Concat(document.Flags.Select(pair => KeyValuePair.Create(pair.Key, Reuse(current, previous, pair.Key, pair.Value) ?? new ClientFlag(CompiledFlag.FromState(pair.Key, pair.Value, groups), CountsFor(pair.Key)))));
            entries = StringMap<ClientFlag>.Create(compiled, Math.Max(document.Defaults.Count, document.Flags.Count));
        }
        else
        {
            entries = StringMap<ClientFlag>.Empty;
        }

        Publish(Document?.Sequence ?? 0);
    }

    private static ClientFlag? Reuse(StringMap<ClientFlag> current, SnapshotDocument? previous, string name, object state) =>
        previous is not null && Equals(StateOf(previous, name), state) && current.TryGetValue(name, out var existing) ? existing : null;

    private CompiledFlag? Compile(SnapshotDocument document, string flag)
    {
        if (document.Flags.TryGetValue(flag, out var state))
        {
            return CompiledFlag.FromState(flag, state, groups);
        }

        return document.Defaults.TryGetValue(flag, out var enabled) ? CompiledFlag.FromDefinitionDefault(flag, enabled) : null;
    }

    private void Publish(long sequence) => publish(new ClientFlagTable(entries, sequence));

    // Counters outlive snapshots: a flag rebuilt by a change keeps counting where it was.
    private EvaluationCounts CountsFor(string flag)
    {
        if (!counts.TryGetValue(flag, out var found))
        {
            found = new EvaluationCounts();
            counts[flag] = found;
        }

        return found;
    }

    private FeatureGroupRegistry BuildGroups(SnapshotDocument? document)
    {
        var byName = new Dictionary<string, IFeatureGroup>(StringComparer.Ordinal);
        if (document is not null)
        {
            foreach (var (name, members) in document.Groups)
            {
                byName[name] = new ActorListFeatureGroup(name, members);
            }
        }

        foreach (var (name, predicate) in predicates)
        {
            byName.TryGetValue(name, out var serverGroup);
            byName[name] = new PredicateFeatureGroup(name, predicate, serverGroup);
        }

        return new FeatureGroupRegistry(byName.Values);
    }

    // The flags whose answer may differ, in ordinal order. Every name is looked at once (no set of all names): a name
    // of the new document differs when its state or default changed, a name only in the old one differs because it left.
    private static List<string> Differences(SnapshotDocument? before, SnapshotDocument after)
    {
        var groupsChanged = before is null || !SameGroups(before.Groups, after.Groups);
        var names = new List<string>();
        foreach (var name in after.Flags.Keys)
        {
            if (groupsChanged || !Equals(StateOf(before!, name), after.Flags[name]))
            {
                names.Add(name);
            }
        }

        foreach (var (name, enabled) in after.Defaults)
        {
            if (!after.Flags.ContainsKey(name) && (groupsChanged || !Equals(StateOf(before!, name), enabled)))
            {
                names.Add(name);
            }
        }

        if (before is not null)
        {
            foreach (var name in before.Flags.Keys)
            {
                if (!after.Flags.ContainsKey(name) && !after.Defaults.ContainsKey(name))
                {
                    names.Add(name);
                }
            }

            foreach (var name in before.Defaults.Keys)
            {
                if (!before.Flags.ContainsKey(name) && !after.Flags.ContainsKey(name) && !after.Defaults.ContainsKey(name))
                {
                    names.Add(name);
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static object? StateOf(SnapshotDocument document, string name) =>
        document.Flags.TryGetValue(name, out var state) ? state : document.Defaults.TryGetValue(name, out var enabled) ? enabled : null;

    private static bool SameGroups(Dictionary<string, string[]> left, Dictionary<string, string[]> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var other) && pair.Value.SequenceEqual(other, StringComparer.Ordinal));
}
