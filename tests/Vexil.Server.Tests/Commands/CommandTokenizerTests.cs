using Vexil.Server.Commands.Parsing;
using Xunit;

namespace Vexil.Server.Tests.Commands;

public sealed class CommandTokenizerTests
{
    private static string[] Words(string text)
    {
        var result = CommandTokenizer.Tokenize(text);
        Assert.Null(result.Error);
        return result.Tokens.Select(token => token.Text).ToArray();
    }

    [Fact]
    public void Whitespace_of_any_kind_separates_words()
    {
        Assert.Equal(["feature", "set", "x", "true"], Words("  feature\tset \u00A0x\n true  "));
    }

    [Fact]
    public void Single_quotes_keep_everything_literally()
    {
        Assert.Equal(["--match=a \"b\" \\c"], Words("--match='a \"b\" \\c'"));
    }

    [Fact]
    public void Double_quotes_keep_spaces_and_unescape_quote_and_backslash_only()
    {
        Assert.Equal(["a \"b\" \\ \\n"], Words("\"a \\\"b\\\" \\\\ \\n\""));
    }

    [Fact]
    public void Quoted_parts_join_the_text_around_them()
    {
        Assert.Equal(["--match=multi thread", "x"], Words("--match=\"multi thread\" x"));
    }

    [Fact]
    public void Empty_quotes_are_an_empty_word()
    {
        Assert.Equal(["set", "", "true"], Words("set '' true"));
    }

    [Fact]
    public void Typographic_quotes_from_chat_clients_work_like_straight_ones()
    {
        Assert.Equal(["multi thread", "one two"], Words("\u201Cmulti thread\u201D \u2018one two\u2019"));
        Assert.Equal(["don\u2019t"], Words("don\u2019t"));
    }

    [Fact]
    public void Words_that_start_quoted_are_marked_so_they_are_never_taken_as_options()
    {
        var tokens = CommandTokenizer.Tokenize("--actors '--actors' --match=\"a b\" \"x\"y").Tokens;
        Assert.Equal([false, true, false, true], tokens.Select(token => token.Quoted));
    }

    [Fact]
    public void Unicode_survives_including_characters_beyond_the_basic_plane()
    {
        Assert.Equal(["feature", "get", "ça_va_😀"], Words("feature get ça_va_😀"));
    }

    [Theory]
    [InlineData("feature set \"duo true", "Unbalanced quotes: the double quote (\") at character 13 is never closed; close it or remove it.")]
    [InlineData("feature set 'duo true", "Unbalanced quotes: the single quote (') at character 13 is never closed; close it or remove it.")]
    [InlineData("set x \u201Copen", "Unbalanced quotes: the double quote (\u201C) at character 7 is never closed; close it or remove it.")]
    [InlineData("a \"b\\\"", "Unbalanced quotes: the double quote (\") at character 3 is never closed; close it or remove it.")]
    public void An_unbalanced_quote_is_named_with_its_position(string text, string message)
    {
        var result = CommandTokenizer.Tokenize(text);
        Assert.Equal(message, result.Error);
        Assert.Empty(result.Tokens);
    }

    [Fact]
    public void Positions_point_at_the_start_of_each_word()
    {
        Assert.Equal([0, 8, 12], CommandTokenizer.Tokenize("feature get 'x y'").Tokens.Select(token => token.Position));
    }
}
