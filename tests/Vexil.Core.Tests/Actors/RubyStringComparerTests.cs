using Vexil.Core.Actors;
using Xunit;

namespace Vexil.Core.Tests.Actors;

public sealed class RubyStringComparerTests
{
    [Fact]
    public void Orders_by_code_point_not_by_utf16_unit()
    {
        // UTF-16 ordinal puts the surrogate pair of U+1F600 before U+FF21; UTF-8 byte order (Ruby) puts it after.
        Assert.True(string.CompareOrdinal("\U0001F600", "\uFF21") < 0);
        Assert.True(RubyStringComparer.Instance.Compare("\U0001F600", "\uFF21") > 0);
    }

    [Fact]
    public void Agrees_with_utf8_byte_order_on_random_strings()
    {
        var random = new Random(11);
        var pool = new[] { "a", "Z", "é", "\uFF21", "\U0001F600", "\uE000", "\uD7FF", "0", ":" };
        for (var round = 0; round < 2000; round++)
        {
            var x = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => pool[random.Next(pool.Length)]));
            var y = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => pool[random.Next(pool.Length)]));
            var expected = Math.Sign(CompareUtf8(x, y));
            Assert.Equal(expected, Math.Sign(RubyStringComparer.Instance.Compare(x, y)));
        }
    }

    [Fact]
    public void Shorter_prefix_sorts_first_and_null_sorts_before_text()
    {
        Assert.True(RubyStringComparer.Instance.Compare("User:1", "User:10") < 0);
        Assert.True(RubyStringComparer.Instance.Compare(null, "a") < 0);
        Assert.Equal(0, RubyStringComparer.Instance.Compare("x", "x"));
    }

    private static int CompareUtf8(string x, string y) =>
        ((ReadOnlySpan<byte>)System.Text.Encoding.UTF8.GetBytes(x)).SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y));
}
