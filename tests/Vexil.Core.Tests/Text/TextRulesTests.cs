using Vexil.Core.Actors;
using Vexil.Core.Text;
using Xunit;

namespace Vexil.Core.Tests.Text;

public sealed class TextRulesTests
{
    // Code points as numbers: attribute arguments cannot carry a lone surrogate intact, and the others would be
    // invisible in this file.
    [Theory]
    [InlineData(0xD800, "lone UTF-16 surrogate (U+D800)")]
    [InlineData(0xDFFF, "lone UTF-16 surrogate (U+DFFF)")]
    [InlineData(0x0000, "control character (U+0000)")]
    [InlineData(0x0085, "control character (U+0085)")]
    [InlineData(0x202A, "bidirectional control character (U+202A)")]
    [InlineData(0x202E, "bidirectional control character (U+202E)")]
    [InlineData(0x2066, "bidirectional control character (U+2066)")]
    [InlineData(0x2069, "bidirectional control character (U+2069)")]
    [InlineData(0x200F, "bidirectional control character (U+200F)")]
    [InlineData(0x200B, "zero-width character (U+200B)")]
    [InlineData(0x200D, "zero-width character (U+200D)")]
    [InlineData(0x2060, "zero-width character (U+2060)")]
    [InlineData(0xFEFF, "zero-width character (U+FEFF)")]
    [InlineData(0xFFFD, "U+FFFD")]
    public void Refuses_broken_and_disguising_characters_anywhere(int codeUnit, string fragment)
    {
        var c = (char)codeUnit;
        foreach (var text in new[] { $"{c}", $"User:{c}", $"{c}User:1", $"Us{c}er:1" })
        {
            Assert.Contains(fragment, TextRules.FindProblem(text), StringComparison.Ordinal);
            Assert.Contains(fragment, ActorId.Validate(text), StringComparison.Ordinal);
            Assert.DoesNotContain(c, TextRules.Printable(text));
        }
    }

    [Theory]
    [InlineData("User:42")]
    [InlineData("Project:gitlab-org/gitlab")]
    [InlineData("User:é😀")]
    [InlineData("Group:日本語")]
    [InlineData("User:مرحبا")]
    public void Accepts_ordinary_text_including_surrogate_pairs_and_right_to_left_letters(string text)
    {
        Assert.Null(TextRules.FindProblem(text));
        Assert.Same(text, TextRules.Printable(text));
    }

    [Fact]
    public void A_high_surrogate_at_the_end_or_followed_by_another_high_surrogate_is_lone()
    {
        Assert.NotNull(TextRules.FindProblem("User:\ud83d"));
        Assert.NotNull(TextRules.FindProblem("User:\ud83d\ud83d\ude00"));
        Assert.NotNull(TextRules.FindProblem("User:\ude00\ud83d"));
        Assert.Equal("User:?\ud83d\ude00", TextRules.Printable("User:\ud83d\ud83d\ude00"));
    }

    [Fact]
    public void Messages_about_a_disguised_actor_id_do_not_quote_the_disguise()
    {
        var message = ActorId.Validate("User:admin\u202Egnp.exe");
        Assert.Equal("Actor id 'User:admin?gnp.exe' contains an invisible bidirectional control character (U+202E) that changes how the text reads; remove it.", message);
    }
}
