using System.Text;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Environments;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>
/// Random and hostile text through the parser and the executor: nothing may throw, and every input gets an answer a
/// person can read. Seeds are fixed, so a failure reproduces.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly FeatureCommandParser Parser = new(new EnvironmentCatalog(new EnvironmentOptions()));

    private static readonly string[] Vocabulary =
    [
        "feature", "/chatops", "run", "set", "get", "list", "delete", "help", "--help", "-h", "--", "-",
        "duo_chat_multi_thread", "code_suggestions_context", "`duo_chat_multi_thread`", "Bad-Name", "x", "é_flag",
        "true", "false", "0", "100", "50", "0.001", "99.999", "150", "-5", "2.5555", "''", "\"\"",
        "--actors", "--random", "--actors=1", "--user=lulalala", "--user", "--user=", "--project=a/b,c/d", "--group", "gitlab-org",
        "--feature-group=gitlab_team_members", "--feature-group=nope", "--namespace=n", "--repository=r", "--match", "--match=duo",
        "--dev", "--pre", "--staging", "--gstg", "--staging-ref", "--ops", "--production", "--gprd", "--canary", "--stagin",
        "--ignore-production-check", "--ignore-feature-flag-consistency-check", "--ignore-random-deprecation-check",
        "\u2014actors", "\u2013staging", "'", "\"", "\u201C", "\u2018quoted\u2019", "a=b", "=", ",", ",,", "😀", "\u200D", "\u202E",
    ];

    private static readonly char[] Alphabet =
        "abcxyz_019 -=,.'\"`\\\t\n\r\u00A0\u2014\u2013\u201C\u201D\u2018\u2019#{}$@%éß漢😀\u0000\u0007\u001b\u200D\u202E\uD800\uDC00".ToCharArray();

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_character_soup_always_parses_to_a_command_or_a_message(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            AssertAnswered(text);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_sentences_of_real_words_always_parse_to_a_command_or_a_message(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            AssertAnswered(Sentence(random));
        }
    }

    [Fact]
    public void Ten_kilobytes_of_garbage_get_a_message()
    {
        var random = new Random(10);
        var garbage = new StringBuilder();
        while (garbage.Length < 10 * 1024)
        {
            garbage.Append((char)random.Next(0, 0x10000));
        }

        AssertAnswered(garbage.ToString());
        AssertAnswered("feature set duo_chat_multi_thread " + garbage);
        AssertAnswered(new string('"', 10 * 1024));
        AssertAnswered(string.Concat(Enumerable.Repeat("--user=a,", 1200)));
        AssertAnswered(new string('x', FeatureCommandParser.MaxTextLength * 2));
    }

    [Theory]
    [InlineData("feature set \"duo")]
    [InlineData("feature set 'duo")]
    [InlineData("feature set duo\u201C")]
    [InlineData("\"")]
    [InlineData("'''")]
    [InlineData("feature get \"a\\\"")]
    [InlineData("feature get ‘x")]
    public void Unbalanced_quotes_get_the_unbalanced_quotes_message(string text)
    {
        var result = Parser.Parse(text);
        Assert.Null(result.Command);
        Assert.StartsWith("Unbalanced quotes:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feature get ça_va")]
    [InlineData("feature set 😀 true")]
    [InlineData("feature set duo_chat_multi_thread ١٠٠")]
    [InlineData("feature set duo_chat_multi_thread true --user=ユーザー")]
    [InlineData("feature set duo_chat_multi_thread true --\u202Estaging")]
    [InlineData("feature list --match=\u0000")]
    public void Unicode_is_handled_like_any_other_text(string text)
    {
        AssertAnswered(text);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_sentences_through_the_executor_never_throw_and_always_answer(int seed)
    {
        await using var harness = await CommandHarness.StartAsync();
        var random = new Random(seed);
        for (var i = 0; i < 150; i++)
        {
            var text = Sentence(random);
            var chat = random.Next(2) == 0;
            var result = chat
                ? await harness.ChatAsync(text, random.Next(2) == 0 ? "production" : "general")
                : await harness.CliAsync(text, random.Next(3) switch { 0 => CommandHarness.Admin, 1 => CommandHarness.Writer, _ => CommandHarness.Reader });

            Assert.False(string.IsNullOrWhiteSpace(result.ToPlainText()), $"No answer to: {text}");
            Assert.False(string.IsNullOrWhiteSpace(result.ToMarkdown()), $"No Markdown answer to: {text}");
            Assert.InRange(result.ExitCode, 0, 2);
        }
    }

    private static string Sentence(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(0, 9)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));

    private static void AssertAnswered(string text)
    {
        var result = Parser.Parse(text);
        Assert.True(result.Command is not null ^ result.Error is not null, $"Exactly one of command and error for: {text}");
        if (result.Error is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }
    }
}
