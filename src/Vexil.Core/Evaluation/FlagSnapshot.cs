using Vexil.Core.Collections;
using Vexil.Core.Groups;
using Vexil.Core.State;

namespace Vexil.Core.Evaluation;

/// <summary>
/// Every flag of one environment at one sequence number, compiled for evaluation. Immutable: a change builds a new
/// snapshot (<see cref="WithFlag"/>) and the holder swaps the reference atomically, so readers never lock and never
/// see half a change. Evaluation reads only this object: never the database.
/// </summary>
public sealed class FlagSnapshot
{
    private readonly StringMap<CompiledFlag> flags;
    private readonly IReadOnlyDictionary<string, bool> definitionDefaults;

    private FlagSnapshot(
        string environment,
        long sequence,
        StringMap<CompiledFlag> flags,
        IReadOnlyDictionary<string, bool> definitionDefaults,
        FeatureGroupRegistry groups)
    {
        Environment = environment;
        Sequence = sequence;
        this.flags = flags;
        this.definitionDefaults = definitionDefaults;
        Groups = groups;
    }

    /// <summary>The environment's canonical name.</summary>
    public string Environment { get; }

    /// <summary>The sequence number of the last change included.</summary>
    public long Sequence { get; }

    /// <summary>The feature groups gates are resolved against.</summary>
    public FeatureGroupRegistry Groups { get; }

    /// <summary>
    /// The <c>default_enabled</c> of every defined flag, persisted here or not (a persisted flag's stored state wins;
    /// when it is removed, its default answers again).
    /// </summary>
    public IReadOnlyDictionary<string, bool> DefinitionDefaults => definitionDefaults;

    /// <summary>Every flag the snapshot knows: persisted ones and defined-only ones.</summary>
    public IEnumerable<CompiledFlag> Flags => flags.Values;

    /// <summary>Number of flags known (persisted or defined).</summary>
    public int Count => flags.Count;

    /// <summary>An empty snapshot, e.g. before the first load.</summary>
    public static FlagSnapshot Empty(string environment) =>
        new(environment, 0, StringMap<CompiledFlag>.Empty, new Dictionary<string, bool>(), FeatureGroupRegistry.Empty);

    /// <summary>
    /// Builds a snapshot from stored states and the definitions' defaults (a defined flag without stored state
    /// answers its <c>default_enabled</c>; a flag with neither is unknown and off).
    /// </summary>
    public static FlagSnapshot Build(
        string environment,
        long sequence,
        IEnumerable<KeyValuePair<string, FlagState>> states,
        IReadOnlyDictionary<string, bool> definitionDefaults,
        FeatureGroupRegistry groups)
    {
        // Straight into the name table, with no dictionary in between: at 10,000 flags an intermediate dictionary (and its
        // regrowth) lands on the large-object heap on every rebuild. The table keeps a key's last value, so a stored
        // state, which comes second, wins over the definition's default.
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(definitionDefaults);
        // Most stored flags are also defined, so the larger of the two counts is the best guess; the table doubles if
        // the names turn out to be more.
        var expected = Math.Max(definitionDefaults.Count, states.TryGetNonEnumeratedCount(out var stored) ? stored : 0);
        var compiled = definitionDefaults
            .Select(pair => KeyValuePair.Create(pair.Key, CompiledFlag.FromDefinitionDefault(pair.Key, pair.Value)))
            .Concat(states.Select(pair => KeyValuePair.Create(pair.Key, CompiledFlag.FromState(pair.Key, pair.Value, groups))));
        return new FlagSnapshot(environment, sequence, StringMap<CompiledFlag>.Create(compiled, expected), definitionDefaults, groups);
    }

    /// <summary>
    /// A new snapshot with one flag replaced (or removed when <paramref name="state"/> is null, falling back to its
    /// definition default if it has one). The other flags' compiled forms are reused.
    /// </summary>
    public FlagSnapshot WithFlag(string name, FlagState? state, long sequence)
    {
        // Incremental: the name table is copied with one entry set or removed (StringMap.SetItem / Remove), not
        // rebuilt, so one change to a large environment costs a block copy rather than rehashing every name.
        StringMap<CompiledFlag> next;
        if (state is not null)
        {
            next = flags.SetItem(name, CompiledFlag.FromState(name, state, Groups));
        }
        else if (definitionDefaults.TryGetValue(name, out var enabled))
        {
            next = flags.SetItem(name, CompiledFlag.FromDefinitionDefault(name, enabled));
        }
        else
        {
            next = flags.Remove(name);
        }

        return new FlagSnapshot(Environment, Math.Max(sequence, Sequence), next, definitionDefaults, Groups);
    }

    /// <summary>Finds a flag, persisted or defined.</summary>
    public bool TryGetFlag(string name, out CompiledFlag flag) => flags.TryGetValue(name, out flag!);

    /// <summary>The stored state of a flag, or null when it is not persisted here.</summary>
    public FlagState? GetState(string name) => flags.TryGetValue(name, out var flag) ? flag.State : null;

    /// <summary>Decides a flag with no actor, as <c>Feature.enabled?(:name)</c> does.</summary>
    public bool IsEnabled(string name) => Evaluate(name, ReadOnlySpan<string>.Empty).Enabled;

    /// <summary>Decides a flag for one actor (a flipper id such as <c>User:42</c>).</summary>
    public bool IsEnabled(string name, string actor) => Evaluate(name, new ReadOnlySpan<string>(in actor)).Enabled;

    /// <summary>Decides a flag for several actors (Flipper >= 0.28): open if any gate opens for them.</summary>
    public bool IsEnabled(string name, ReadOnlySpan<string> actors) => Evaluate(name, actors).Enabled;

    /// <summary>Decides a flag and says why.</summary>
    public FlagEvaluation Evaluate(string name, ReadOnlySpan<string> actors) =>
        flags.TryGetValue(name, out var flag) ? flag.Evaluate(actors) : FlagEvaluation.Unknown;
}
