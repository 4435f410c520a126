using Vexil.Core.Collections;
using Xunit;

namespace Vexil.Core.Tests.Collections;

public sealed class StringMapTests
{
    [Fact]
    public void Finds_every_key_and_nothing_else_across_lengths_from_empty_to_long()
    {
        var keys = new List<string> { string.Empty, "a", "ab", "abc", "abcd", "abcde" };
        keys.AddRange(Enumerable.Range(0, 2000).Select(i => $"generated_flag_{i}"));
        keys.AddRange(Enumerable.Range(0, 200).Select(i => new string('x', i) + "ü"));
        var map = StringMap<int>.Create(keys.Select((key, index) => KeyValuePair.Create(key, index)));

        Assert.Equal(keys.Count, map.Count);
        Assert.False(map.HashesEveryCharacter);
        Assert.True(map.Distances.Longest <= 32 && map.Distances.Average <= 1.0, $"probe distances {map.Distances}");
        for (var i = 0; i < keys.Count; i++)
        {
            // A copy, so the lookup cannot succeed by reference alone.
            Assert.True(map.TryGetValue(new string(keys[i].AsSpan()), out var value));
            Assert.Equal(i, value);
        }

        foreach (var absent in new[] { "abcdef", "generated_flag_2000", "generated_flag_-1", "Generated_flag_1", "b", "x" })
        {
            Assert.False(map.ContainsKey(absent));
        }

        Assert.False(map.ContainsKey(null!));
        Assert.Equal(keys.Order(StringComparer.Ordinal), map.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_that_the_windows_cannot_tell_apart_are_still_found_quickly_and_exactly()
    {
        // Same length, same first, middle and last four characters: only the characters between the windows differ,
        // so every key has the same windowed hash and the map must switch to hashing every character.
        var keys = Enumerable.Range(0, 1000).Select(i => $"aaaa{i:D3}bbbb{i:D3}cccc").ToArray();
        var map = StringMap<string>.Create(keys.Select(key => KeyValuePair.Create(key, key.ToUpperInvariant())));
        Assert.True(map.HashesEveryCharacter);
        Assert.True(map.Distances.Longest <= 32 && map.Distances.Average <= 1.0, $"probe distances {map.Distances}");

        foreach (var key in keys)
        {
            Assert.True(map.TryGetValue(new string(key.AsSpan()), out var value));
            Assert.Equal(key.ToUpperInvariant(), value);
        }

        Assert.False(map.ContainsKey("aaaa999bbbb998cccc"));
    }

    [Fact]
    public void A_key_given_twice_keeps_its_last_value_and_a_null_key_is_refused()
    {
        var map = StringMap<int>.Create([KeyValuePair.Create("flag", 1), KeyValuePair.Create("flag", 2)]);
        Assert.Single(map);
        Assert.True(map.TryGetValue("flag", out var value));
        Assert.Equal(2, value);

        Assert.Throws<ArgumentNullException>(() => StringMap<int>.Create([KeyValuePair.Create((string)null!, 1)]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    public void Small_maps_are_scanned_and_large_ones_hashed_with_the_same_answers(int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"User:{i * 7}").Append("ab").Append(string.Empty).Take(count).ToArray();
        var map = StringMap<int>.Create(keys.Select((key, index) => KeyValuePair.Create(key, index)));

        Assert.Equal(count <= 8, map.ScansLinearly);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(map.TryGetValue(new string(keys[i].AsSpan()), out var value));
            Assert.Equal(i, value);
        }

        // Same length as a key, different content; a prefix; a longer key; a different case.
        foreach (var absent in new[] { "User:8", "User:", "User:00", "user:0", "abc" })
        {
            Assert.False(map.ContainsKey(absent), absent);
        }

        var duplicated = StringMap<int>.Create(keys.Select((key, index) => KeyValuePair.Create(key, index)).Append(KeyValuePair.Create(keys[0], -1)));
        Assert.Equal(keys.Length, duplicated.Count);
        Assert.True(duplicated.TryGetValue(keys[0], out var last));
        Assert.Equal(-1, last);
    }

    [Fact]
    public void The_empty_map_and_set_answer_no()
    {
        Assert.False(StringMap<int>.Empty.ContainsKey("anything"));
        Assert.Same(StringMap<int>.Empty, StringMap<int>.Create([]));
        Assert.False(StringSet.Empty.Contains(string.Empty));
        Assert.Empty(StringSet.Empty);
    }

    [Fact]
    public void A_set_counts_duplicates_once_and_compares_ordinally()
    {
        var set = StringSet.Create(["User:1", "User:1", "user:1", "User:1 "]);
        Assert.Equal(3, set.Count);
        Assert.Contains("User:1", set);
        Assert.True(set.Contains("user:1"));
        Assert.False(set.Contains("USER:1"));
        Assert.False(set.Contains("User:"));
    }

    [Theory]
    [InlineData(3)] // scanned: the length bits decide most misses
    [InlineData(50)] // hashed
    public void ContainsAnyKey_is_true_when_any_key_is_present_and_skips_null_keys(int size)
    {
        var keys = Enumerable.Range(0, size).Select(i => $"User:{i}").Append(new string('y', 70)).ToList();
        var map = StringMap<bool>.Create(keys.Select(key => KeyValuePair.Create(key, true)));
        Assert.Equal(size <= 7, map.ScansLinearly);

        Assert.True(map.ContainsAnyKey(["Project:1", null!, new string("User:2".AsSpan())]));
        Assert.True(map.ContainsAnyKey([new string('y', 70)]));

        // Length 6 shares its length bit with the 70-character key (bits wrap at 64): the scan must still compare.
        Assert.False(map.ContainsAnyKey(["Group:", new string('y', 69), "User:-1", null!]));
        Assert.False(map.ContainsAnyKey([]));
        Assert.False(map.ContainsAnyKey([null!]));
    }
}
