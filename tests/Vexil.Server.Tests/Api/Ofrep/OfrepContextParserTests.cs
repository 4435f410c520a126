using System.Buffers;
using System.Text;
using Vexil.Server.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepContextParserTests
{
    [Fact]
    public void Targeting_key_comes_first_whatever_the_property_order()
    {
        var (error, actors) = Parse("""{"context":{"actors":["Project:1","Group:2"],"targetingKey":"User:1"}}""");

        Assert.Null(error);
        Assert.Equal(["User:1", "Project:1", "Group:2"], actors);
    }

    [Fact]
    public void Missing_or_null_context_means_no_actor()
    {
        Assert.Empty(Parse("{}").Actors);
        Assert.Empty(Parse("""{"context":null}""").Actors);
        Assert.Empty(Parse("""{"context":{"targetingKey":null,"actors":null}}""").Actors);
    }

    [Fact]
    public void Body_split_across_segments_parses_the_same()
    {
        var json = Encoding.UTF8.GetBytes("""{"context":{"targetingKey":"User:1234567","actors":["Project:gitlab-org/gitlab"]}}""");
        var first = new Segment(json.AsMemory(0, 17));
        var last = first.Append(json.AsMemory(17));
        var actors = default(OfrepActors);

        var error = OfrepContextParser.Parse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), 64, ref actors, out _);

        Assert.Null(error);
        Assert.Equal(["User:1234567", "Project:gitlab-org/gitlab"], actors.Span.ToArray());
        actors.Return();
    }

    [Fact]
    public void Many_actors_grow_the_pooled_array()
    {
        var list = string.Join(",", Enumerable.Range(1, 40).Select(i => $"\"Project:{i}\""));

        var (error, actors) = Parse($$$"""{"context":{"targetingKey":"User:1","actors":[{{{list}}}]}}""");

        Assert.Null(error);
        Assert.Equal(41, actors.Length);
        Assert.Equal("User:1", actors[0]);
        Assert.Equal("Project:40", actors[40]);
    }

    [Fact]
    public void Limit_counts_the_targeting_key()
    {
        Assert.Null(Parse("""{"context":{"targetingKey":"User:1","actors":["A:1"]}}""", maxActors: 2).Error);
        Assert.Equal("INVALID_CONTEXT", Parse("""{"context":{"targetingKey":"User:1","actors":["A:1","A:2"]}}""", maxActors: 2).Error);
        Assert.Equal("INVALID_CONTEXT", Parse("""{"context":{"actors":["A:1","A:2","A:3"]}}""", maxActors: 2).Error);
    }

    [Fact]
    public void Escaped_strings_are_unescaped()
    {
        var (_, actors) = Parse("""{"context":{"targetingKey":"User:\u00e9t\u00e9"}}""");

        Assert.Equal(["User:été"], actors);
    }

    [Fact]
    public void Errors_say_what_to_send()
    {
        var actors = default(OfrepActors);
        var bytes = Encoding.UTF8.GetBytes("""{"context":{"targetingKey":1}}""");

        OfrepContextParser.Parse(new ReadOnlySequence<byte>(bytes), 64, ref actors, out var details);

        Assert.Contains("\"User:42\"", details, StringComparison.Ordinal);
    }

    // JSON escapes in the test source: \ud800 is a lone high surrogate, \udc00 a lone low one.
    [Theory]
    [InlineData("""{"context":{"targetingKey":"User:\ud800"}}""")]
    [InlineData("""{"context":{"targetingKey":"\udc00User:1"}}""")]
    [InlineData("""{"context":{"actors":["Project:\ud83d"]}}""")]
    [InlineData("""{"context":{"targetingKey":"User:1","actors":["Group:\udfff"]}}""")]
    [InlineData("""{"context":{"targetingKey":"User:\ude00\ud83d"}}""")]
    public void Lone_surrogates_are_an_invalid_context_not_a_crash(string json)
    {
        var (error, _, details) = ParseWithDetails(json);

        Assert.Equal(OfrepErrorCode.InvalidContext, error);
        Assert.Contains("not valid Unicode text", details, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_string_are_an_invalid_context()
    {
        // ED A0 80 would be U+D800 encoded as UTF-8, which UTF-8 forbids.
        var bytes = Encoding.UTF8.GetBytes("""{"context":{"targetingKey":"User:X"}}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        byte[] body = [.. bytes[..at], 0xED, 0xA0, 0x80, .. bytes[(at + 1)..]];
        var actors = default(OfrepActors);

        var error = OfrepContextParser.Parse(new ReadOnlySequence<byte>(body), 64, ref actors, out var details);
        actors.Return();

        Assert.Equal(OfrepErrorCode.InvalidContext, error);
        Assert.Contains("not valid Unicode text", details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"context":{"targetingKey":"User:1"},"context":{"targetingKey":"User:2"}}""", "'context' appears twice")]
    [InlineData("""{"context":null,"context":{"targetingKey":"User:2"}}""", "'context' appears twice")]
    [InlineData("""{"context":{"targetingKey":"User:1","targetingKey":"User:2"}}""", "'context.targetingKey' appears twice")]
    [InlineData("""{"context":{"actors":["A:1"],"targetingKey":"User:1","actors":["A:2"]}}""", "'context.actors' appears twice")]
    public void Repeated_keys_are_refused_instead_of_the_last_one_winning(string json, string message)
    {
        var (error, _, details) = ParseWithDetails(json);

        Assert.Equal(OfrepErrorCode.InvalidContext, error);
        Assert.StartsWith(message, details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x202E)]
    [InlineData(0x2066)]
    [InlineData(0x200B)]
    [InlineData(0xFEFF)]
    public void Disguising_characters_in_actor_ids_are_an_invalid_context(int codeUnit)
    {
        var json = $$$"""{"context":{"targetingKey":"User:1","actors":["User:ad\u{{{codeUnit:x4}}}min"]}}""";

        var (error, _, details) = ParseWithDetails(json);

        Assert.Equal(OfrepErrorCode.InvalidContext, error);
        Assert.Contains($"U+{codeUnit:X4}", details, StringComparison.Ordinal);
        Assert.DoesNotContain((char)codeUnit, details!);
    }

    [Fact]
    public void Empty_actor_in_the_list_is_an_invalid_context()
    {
        var (error, _, details) = ParseWithDetails("""{"context":{"targetingKey":"User:1","actors":["Project:1",""]}}""");

        Assert.Equal(OfrepErrorCode.InvalidContext, error);
        Assert.Contains("must not be empty", details, StringComparison.Ordinal);
    }

    private static (string? Error, string[] Actors, string? Details) ParseWithDetails(string json)
    {
        var actors = default(OfrepActors);
        try
        {
            var error = OfrepContextParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), 64, ref actors, out var details);
            return (error, error is null ? actors.Span.ToArray() : [], details);
        }
        finally
        {
            actors.Return();
        }
    }

    private static (string? Error, string[] Actors) Parse(string json, int maxActors = 64)
    {
        var actors = default(OfrepActors);
        try
        {
            var error = OfrepContextParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), maxActors, ref actors, out _);
            return (error, actors.Span.ToArray());
        }
        finally
        {
            actors.Return();
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
