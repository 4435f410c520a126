using Vexil.Core.Gates;
using Xunit;

namespace Vexil.Core.Tests.Gates;

public sealed class PercentageTests
{
    [Theory]
    [InlineData("0", 0, "0")]
    [InlineData("25", 25_000, "25")]
    [InlineData("0.5", 500, "0.5")]
    [InlineData("2.007", 2_007, "2.007")]
    [InlineData("100", 100_000, "100")]
    [InlineData("100.000", 100_000, "100")]
    [InlineData(" 50 ", 50_000, "50")]
    [InlineData("12.5000", 12_500, "12.5")]
    public void Parses_valid_percentages(string text, int thousandths, string shown)
    {
        Assert.Null(Percentage.TryParse(text, out var percentage));
        Assert.Equal(thousandths, percentage.Thousandths);
        Assert.Equal(shown, percentage.ToString());
    }

    [Theory]
    [InlineData("-1", "below 0")]
    [InlineData("-0.5", "below 0")]
    [InlineData("100.001", "above 100")]
    [InlineData("150", "above 100")]
    [InlineData("1000000", "above 100")]
    [InlineData("0.0001", "more than 3 decimals")]
    [InlineData("abc", "not a number")]
    [InlineData("1e2", "not a number")]
    [InlineData("", "required")]
    [InlineData("5.", "not a number")]
    [InlineData("NaN", "not a number")]
    public void Refuses_invalid_percentages_with_a_clear_message(string text, string expectedFragment)
    {
        var error = Percentage.TryParse(text, out var percentage);
        Assert.NotNull(error);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
        Assert.Equal(Percentage.Zero, percentage);
    }

    [Fact]
    public void Parses_doubles_from_json()
    {
        Assert.Null(Percentage.TryParse(2.007, out var p));
        Assert.Equal(2_007, p.Thousandths);
        Assert.NotNull(Percentage.TryParse(double.NaN, out _));
        Assert.NotNull(Percentage.TryParse(0.12345, out _));
    }
}
