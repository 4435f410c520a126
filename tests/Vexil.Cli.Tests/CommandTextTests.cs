using Vexil.Cli.Commands;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary>
/// The words the shell gave <c>vexil</c> are joined into one line the server splits again; these pin the quoting so the
/// server sees exactly the words typed.
/// </summary>
public sealed class CommandTextTests
{
    [Theory]
    [InlineData("duo_chat_multi_thread")]
    [InlineData("--user=lulalala")]
    [InlineData("--project=gitlab-org/gitlab,gitlab-org/gitlab-foss")]
    [InlineData("50")]
    [InlineData("0.5")]
    [InlineData("@here")]
    [InlineData("don’t")]
    [InlineData(@"C:\path")]
    public void Plain_words_are_sent_unchanged(string word) => Assert.Equal(word, CommandText.Quote(word));

    [Theory]
    [InlineData("x y", "\"x y\"")]
    [InlineData("--match=multi thread", "\"--match=multi thread\"")]
    [InlineData("tab\there", "\"tab\there\"")]
    [InlineData("", "\"\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"a\ b", "\"a\\\\ b\"")]
    [InlineData("‘quoted’", "\"‘quoted’\"")]
    [InlineData("„low", "\"„low\"")]
    [InlineData("“curly”", "'“'\"curly\"'”'")]
    public void Words_the_server_would_split_or_unquote_are_quoted(string word, string expected) =>
        Assert.Equal(expected, CommandText.Quote(word));

    [Fact]
    public void Join_keeps_the_order_and_quotes_only_what_needs_it()
    {
        var text = CommandText.Join(["feature", "set", "--user=a,b", "x y", "true"]);

        Assert.Equal("feature set --user=a,b \"x y\" true", text);
    }
}
