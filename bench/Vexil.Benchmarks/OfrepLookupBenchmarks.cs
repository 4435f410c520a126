using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Vexil.Core.Collections;

namespace Vexil.Benchmarks;

/// <summary>
/// Issue 12: which string table the OFREP flag table (<c>Api/Ofrep/OfrepFlagTable</c>) should find a flag in,
/// <see cref="FrozenDictionary{TKey,TValue}"/> (its first choice) or our <see cref="StringMap{TValue}"/> (the
/// snapshot's, and since this run the OFREP table's too: docs/benchmarks.md). It compares the two on what the OFREP path does: a lookup by a key string freshly read from the request (another
/// instance than the stored one), found and not found, at 100, 1,000 and 10,000 flags; and building the table, which
/// happens again after every change of the environment. Entry values are references, as the table's entries are.
/// Run: <c>dotnet run -c Release --project bench/Vexil.Benchmarks -- --filter '*OfrepLookupBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class OfrepLookupBenchmarks
{
    private KeyValuePair<string, object>[] entries = null!;
    private StringMap<object> stringMap = null!;
    private FrozenDictionary<string, object> frozen = null!;
    private string hit = null!;
    private string miss = null!;

    /// <summary>Flags in the environment.</summary>
    [Params(100, 1_000, 10_000)]
    public int Flags { get; set; }

    /// <summary>Builds both tables from the same names and checks they answer alike.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // Names shaped like GitLab's (a shared prefix, then words), which is where hashing only a part of the key hurts.
        entries = Enumerable.Range(0, Flags)
            .Select(i => KeyValuePair.Create($"duo_chat_feature_{i % 37}_rollout_{i}", new object()))
            .ToArray();
        stringMap = StringMap<object>.Create(entries);
        frozen = entries.ToFrozenDictionary(StringComparer.Ordinal);

        // As a route value arrives: equal text, another string instance.
        hit = new string(entries[Flags / 2].Key.AsSpan());
        miss = new string((entries[Flags / 2].Key + "x").AsSpan());
        if (!StringMap_Hit() || !FrozenDictionary_Hit() || StringMap_Miss() || FrozenDictionary_Miss())
        {
            throw new InvalidOperationException("The two tables disagree.");
        }
    }

    /// <summary>Our table, a flag that exists.</summary>
    [Benchmark(Baseline = true)]
    public bool StringMap_Hit() => stringMap.TryGetValue(hit, out _);

    /// <summary>FrozenDictionary, a flag that exists.</summary>
    [Benchmark]
    public bool FrozenDictionary_Hit() => frozen.TryGetValue(hit, out _);

    /// <summary>Our table, an unknown flag (OFREP answers FLAG_NOT_FOUND).</summary>
    [Benchmark]
    public bool StringMap_Miss() => stringMap.TryGetValue(miss, out _);

    /// <summary>FrozenDictionary, an unknown flag.</summary>
    [Benchmark]
    public bool FrozenDictionary_Miss() => frozen.TryGetValue(miss, out _);

    /// <summary>Building our table, as after every change.</summary>
    [Benchmark]
    public int StringMap_Build() => StringMap<object>.Create(entries).Count;

    /// <summary>Building the FrozenDictionary, as after every change.</summary>
    [Benchmark]
    public int FrozenDictionary_Build() => entries.ToFrozenDictionary(StringComparer.Ordinal).Count;
}
