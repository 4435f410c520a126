using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Vexil.Core.Collections;

namespace Vexil.Benchmarks;

/// <summary>
/// Why the snapshot's flag table is our own <see cref="StringMap{TValue}"/>: one lookup of a flag name among 10,000
/// (the caller's string is a different instance from the stored key, as in real use), against FrozenDictionary and
/// Dictionary.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class NameLookupBenchmarks
{
    private readonly string hit = new("duo_chat_multi_thread".AsSpan());
    private readonly string miss = new("duo_chat_multi_threads".AsSpan());
    private StringMap<int> stringMap = null!;
    private FrozenDictionary<string, int> frozen = null!;
    private Dictionary<string, int> dictionary = null!;

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, 9_999).Select(i => $"generated_flag_{i}").Append("duo_chat_multi_thread").Select((name, index) => KeyValuePair.Create(name, index)).ToList();
        stringMap = StringMap<int>.Create(names);
        frozen = names.ToFrozenDictionary(StringComparer.Ordinal);
        dictionary = new Dictionary<string, int>(names, StringComparer.Ordinal);
    }

    [Benchmark(Baseline = true)]
    public bool StringMap_Hit() => stringMap.TryGetValue(hit, out _);

    [Benchmark]
    public bool FrozenDictionary_Hit() => frozen.TryGetValue(hit, out _);

    [Benchmark]
    public bool Dictionary_Hit() => dictionary.TryGetValue(hit, out _);

    [Benchmark]
    public bool StringMap_Miss() => stringMap.TryGetValue(miss, out _);

    [Benchmark]
    public bool FrozenDictionary_Miss() => frozen.TryGetValue(miss, out _);
}
