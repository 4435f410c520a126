using System.Collections;

namespace Vexil.Core.Collections;

/// <summary>An immutable set of strings compared ordinally, read as fast as <see cref="StringMap{TValue}"/>.</summary>
public sealed class StringSet : IReadOnlyCollection<string>
{
    private readonly StringMap<bool> members;

    private StringSet(StringMap<bool> members) => this.members = members;

    /// <summary>A set with no members.</summary>
    public static StringSet Empty { get; } = new(StringMap<bool>.Empty);

    /// <summary>The number of members.</summary>
    public int Count => members.Count;

    /// <summary>Builds a set; duplicates count once.</summary>
    public static StringSet Create(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);

        // Read once, straight into the table: snapshots build one set per actors gate, thousands per rebuild.
        var expected = items.TryGetNonEnumeratedCount(out var count) ? count : 16;
        return new StringSet(StringMap<bool>.Create(items.Select(item => KeyValuePair.Create(item, true)), expected));
    }

    /// <summary>True when <paramref name="item"/> is a member.</summary>
    public bool Contains(string item) => members.ContainsKey(item);

    /// <summary>True when any of <paramref name="items"/> is in the set; null items are skipped.</summary>
    public bool ContainsAny(ReadOnlySpan<string> items) => members.ContainsAnyKey(items);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => members.Keys.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
