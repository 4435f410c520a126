using Vexil.Server.Api.GitLab;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

public sealed class RubyInspectTests
{
    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nfeed\ttab\r", "\"line\\nfeed\\ttab\\r\"")]
    [InlineData("\u0001\u001b\u007f", "\"\\u0001\\e\\x7F\"")]
    [InlineData("#{x} #$y #@z #", "\"\\#{x} \\#$y \\#@z #\"")]
    [InlineData("caf\u00e9 \ud83d\ude80", "\"caf\u00e9 \ud83d\ude80\"")]
    public void Quotes_as_ruby_string_inspect_does(string text, string expected) => Assert.Equal(expected, RubyInspect.Quote(text));

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        // Not theory data: a lone surrogate does not survive the trip through test discovery.
        Assert.Equal("\"lone \\uD800\"", RubyInspect.Quote("lone \ud800"));
    }

    [Fact]
    public void Long_text_is_cut()
    {
        var quoted = RubyInspect.Quote(new string('a', 5000));
        Assert.Equal("\"" + new string('a', RubyInspect.MaxLength) + "\"...", quoted);
    }
}
