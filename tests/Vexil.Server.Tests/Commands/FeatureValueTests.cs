using Vexil.Server.Commands.Parsing;
using Xunit;

namespace Vexil.Server.Tests.Commands;

public sealed class FeatureValueTests
{
    [Theory]
    [InlineData("true", FeatureValueKind.True, 0)]
    [InlineData("false", FeatureValueKind.False, 0)]
    [InlineData("0", FeatureValueKind.Percentage, 0)]
    [InlineData("100", FeatureValueKind.Percentage, 100_000)]
    [InlineData("100.000", FeatureValueKind.Percentage, 100_000)]
    [InlineData("50", FeatureValueKind.Percentage, 50_000)]
    [InlineData("0.001", FeatureValueKind.Percentage, 1)]
    [InlineData("99.999", FeatureValueKind.Percentage, 99_999)]
    [InlineData("2.5", FeatureValueKind.Percentage, 2_500)]
    [InlineData("050", FeatureValueKind.Percentage, 50_000)]
    public void Valid_values(string raw, FeatureValueKind kind, int thousandths)
    {
        var value = FeatureValue.TryParse(raw);
        Assert.NotNull(value);
        Assert.Equal(kind, value.Kind);
        Assert.Equal(thousandths, value.Percentage.Thousandths);
        Assert.Equal(raw, value.Raw);
    }

    [Theory]
    [InlineData("150")]
    [InlineData("100.001")]
    [InlineData("-5")]
    [InlineData("0.0001")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("12abc")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("")]
    [InlineData(" 5")]
    [InlineData("5%")]
    [InlineData("1e2")]
    [InlineData("٥")]
    public void Invalid_values(string raw)
    {
        Assert.Null(FeatureValue.TryParse(raw));
    }

    [Theory]
    [InlineData("0.001", true)]
    [InlineData("99.999", true)]
    [InlineData("50", true)]
    [InlineData("0", false)]
    [InlineData("100", false)]
    [InlineData("true", false)]
    public void Only_percentages_strictly_between_0_and_100_are_partial(string raw, bool partial)
    {
        Assert.Equal(partial, FeatureValue.TryParse(raw)!.IsPartial);
    }

    [Theory]
    [InlineData("true", true, false)]
    [InlineData("100", true, false)]
    [InlineData("0.5", true, false)]
    [InlineData("false", false, true)]
    [InlineData("0", false, true)]
    [InlineData("0.000", false, true)]
    public void Enabling_and_disabling_values(string raw, bool enables, bool disables)
    {
        var value = FeatureValue.TryParse(raw)!;
        Assert.Equal(enables, value.Enables);
        Assert.Equal(disables, value.Disables);
    }
}
