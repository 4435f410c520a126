using Microsoft.Extensions.Primitives;
using Vexil.Server.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepETagTests
{
    private static readonly string Tag = OfrepETag.Format(42, 7, OfrepContextHash.Of(["User:1"]));

    [Fact]
    public void Etag_is_weak_and_quoted()
    {
        Assert.StartsWith("W/\"", Tag, StringComparison.Ordinal);
        Assert.EndsWith("\"", Tag, StringComparison.Ordinal);
        Assert.Equal(2 + 1 + 32 + 1, Tag.Length);
    }

    [Fact]
    public void Every_input_changes_the_etag()
    {
        var context = OfrepContextHash.Of(["User:1"]);
        Assert.NotEqual(Tag, OfrepETag.Format(43, 7, context));
        Assert.NotEqual(Tag, OfrepETag.Format(42, 8, context));
        Assert.NotEqual(Tag, OfrepETag.Format(42, 7, OfrepContextHash.Of(["User:2"])));
    }

    [Fact]
    public void Context_hash_keeps_actor_boundaries_and_order()
    {
        Assert.NotEqual(OfrepContextHash.Of(["ab"]), OfrepContextHash.Of(["a", "b"]));
        Assert.NotEqual(OfrepContextHash.Of(["a", "b"]), OfrepContextHash.Of(["b", "a"]));
        Assert.NotEqual(OfrepContextHash.Of([]), OfrepContextHash.Of([""]));
        Assert.Equal(OfrepContextHash.Of(["User:1"]), OfrepContextHash.Of(["User:1"]));
    }

    [Theory]
    [InlineData(true, "*")]
    [InlineData(true, "{0}")]
    [InlineData(true, "\"abc\", {0}")]
    [InlineData(true, "\"abc\",{0}  ")]
    [InlineData(false, "")]
    [InlineData(false, "\"abc\"")]
    [InlineData(false, "W/\"abc\", W/\"def\"")]
    public void If_none_match_lists_are_compared_weakly(bool expected, string header)
    {
        Assert.Equal(expected, OfrepETag.Matches(new StringValues(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, Tag)), Tag));
    }

    [Fact]
    public void Strong_form_of_the_same_tag_matches_weakly()
    {
        Assert.True(OfrepETag.Matches(new StringValues(Tag[2..]), Tag));
    }

    [Fact]
    public void Several_header_lines_are_all_read()
    {
        Assert.True(OfrepETag.Matches(new StringValues(["\"abc\"", Tag]), Tag));
    }
}
