using Vexil.Server.Commands.Parsing;
using Xunit;
using Vexil.Server.Text;

namespace Vexil.Server.Tests.Commands;

public sealed class RubyInspectTests
{
    [Theory]
    [InlineData("150", "\"150\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("tab\there\nnew", "\"tab\\there\\nnew\"")]
    [InlineData("\u001b[31m", "\"\\e[31m\"")]
    [InlineData("\u0000\u0001", "\"\\u0000\\u0001\"")]
    [InlineData("#{x} #$y #@z #a", "\"\\#{x} \\#$y \\#@z #a\"")]
    [InlineData("ça 😀", "\"ça 😀\"")]
    public void Values_are_shown_as_ruby_inspects_them(string value, string inspected)
    {
        Assert.Equal(inspected, RubyInspect.Of(value));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        Assert.Equal("\"a\\uD800b\"", RubyInspect.Of("a\uD800b"));
    }

    [Fact]
    public void Long_values_are_cut()
    {
        var shown = RubyInspect.Of(new string('9', 500));
        Assert.Equal("\"" + new string('9', RubyInspect.MaxShown) + "...\"", shown);
    }
}
