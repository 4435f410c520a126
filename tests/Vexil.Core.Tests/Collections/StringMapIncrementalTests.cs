using Vexil.Core.Collections;
using Xunit;

namespace Vexil.Core.Tests.Collections;

/// <summary>
/// <see cref="StringMap{TValue}.SetItem"/> and <see cref="StringMap{TValue}.Remove"/> against a Dictionary, over random
/// sequences of sets and removes: ordinary names, tiny maps that cross the linear-scan size, and keys that defeat the
/// windowed hash (which must push the map into hashing every character).
/// </summary>
public sealed class StringMapIncrementalTests
{
    public static TheoryData<string, int, int> Cases => new()
    {
        { "names", 1, 400 },
        { "names", 2, 3000 },
        { "tiny", 3, 40 },
        { "windows", 4, 1500 },
        { "mixed", 5, 3000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_sets_and_removes_agree_with_a_dictionary_and_leave_earlier_maps_unchanged(string keys, int seed, int steps)
    {
        var random = new Random(seed);
        var pool = Pool(keys, random);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var map = StringMap<int>.Empty;
        StringMap<int>? earlier = null;
        Dictionary<string, int>? earlierExpected = null;

        for (var step = 0; step < steps; step++)
        {
            var key = pool[random.Next(pool.Length)];

            // Mostly sets, so maps grow through every size; removes often enough to break long probe runs.
            if (random.Next(3) == 0)
            {
                map = map.Remove(new string(key.AsSpan())); // a copy of the key: no reference-equality shortcut
                expected.Remove(key);
            }
            else
            {
                map = map.SetItem(key, step);
                expected[key] = step;
            }

            if (step % 97 == 0)
            {
                earlier = map;
                earlierExpected = new Dictionary<string, int>(expected, StringComparer.Ordinal);
            }

            if (step % 13 == 0 || step == steps - 1)
            {
                AssertSame(expected, map, pool);
            }
        }

        AssertSame(earlierExpected!, earlier!, pool);
        if (keys == "windows" && map.Count > 8)
        {
            Assert.True(map.HashesEveryCharacter, "keys that defeat the windows must switch the map to hashing every character");
        }

        if (!map.ScansLinearly)
        {
            Assert.True(map.Distances.Longest <= 32 || map.HashesEveryCharacter, $"probe distances {map.Distances}");
        }
    }

    [Fact]
    public void Removing_an_absent_key_returns_the_same_map_and_null_keys_are_refused()
    {
        var map = StringMap<int>.Create(Enumerable.Range(0, 20).Select(i => KeyValuePair.Create($"flag_{i}", i)));

        Assert.Same(map, map.Remove("absent"));
        Assert.Throws<ArgumentNullException>(() => map.SetItem(null!, 1));
        Assert.Throws<ArgumentNullException>(() => map.Remove(null!));
    }

    [Fact]
    public void Setting_an_existing_key_keeps_the_table_and_removing_down_to_eight_switches_to_a_scan()
    {
        var map = StringMap<int>.Create(Enumerable.Range(0, 9).Select(i => KeyValuePair.Create($"flag_{i}", i)));
        Assert.False(map.ScansLinearly);

        var replaced = map.SetItem("flag_3", 33);
        Assert.Equal(33, replaced.TryGetValue("flag_3", out var value) ? value : -1);
        Assert.Equal(3, map.TryGetValue("flag_3", out var old) ? old : -1);

        var smaller = replaced.Remove("flag_0");
        Assert.True(smaller.ScansLinearly);
        Assert.Equal(8, smaller.Count);
    }

    private static string[] Pool(string kind, Random random)
    {
        var names = Enumerable.Range(0, 600).Select(i => $"{Word(random)}_{Word(random)}_{i}").ToArray();

        // Same length and the same first, middle and last four characters: one windowed hash for all of them.
        var windows = Enumerable.Range(0, 600).Select(i => $"aaaa{i:D3}bbbb{i:D3}cccc").ToArray();
        return kind switch
        {
            "names" => names,
            "tiny" => names[..12],
            "windows" => windows,
            _ => [.. names[..300], .. windows[..300], "a", "ab", "abc"],
        };
    }

    private static string Word(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)('a' + random.Next(26))).ToArray());

    private static void AssertSame(Dictionary<string, int> expected, StringMap<int> map, string[] pool)
    {
        Assert.Equal(expected.Count, map.Count);
        foreach (var key in pool)
        {
            var found = map.TryGetValue(new string(key.AsSpan()), out var value);
            Assert.Equal(expected.TryGetValue(key, out var wanted), found);
            if (found)
            {
                Assert.Equal(wanted, value);
            }
        }

        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), map.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }
}
