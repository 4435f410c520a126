using System.Text;
using System.Text.Json;
using Vexil.Core.Evaluation;
using Vexil.Server.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepReasonTests
{
    // evaluationSuccess.reason in the OFREP 0.3.0 OpenAPI document.
    private static readonly string[] SpecReasons = ["STATIC", "TARGETING_MATCH", "SPLIT", "DISABLED", "UNKNOWN"];

    [Fact]
    public void Every_engine_reason_maps_to_a_reason_in_the_ofrep_enum()
    {
        foreach (var reason in Enum.GetValues<EvaluationReason>())
        {
            foreach (var splits in (bool[])[false, true])
            {
                Assert.Contains(ShippedReason(reason, splits), SpecReasons);
            }
        }
    }

    [Theory]
    [InlineData(EvaluationReason.Default, false, "STATIC")]
    [InlineData(EvaluationReason.Static, false, "STATIC")]
    [InlineData(EvaluationReason.NoMatch, false, "TARGETING_MATCH")]
    [InlineData(EvaluationReason.NoMatch, true, "SPLIT")]
    [InlineData(EvaluationReason.OptedOut, true, "TARGETING_MATCH")]
    [InlineData(EvaluationReason.Disabled, false, "DISABLED")]
    public void Reasons_follow_the_documented_table(EvaluationReason reason, bool splits, string expected) =>
        Assert.Equal(expected, ShippedReason(reason, splits));

    // The reason as the pre-encoded fragment that goes on the wire spells it, so the test reads what clients read.
    private static string ShippedReason(EvaluationReason reason, bool splits)
    {
        var index = (byte)((int)OfrepFragments.Map(reason, splits) << 1);
        using var fragment = JsonDocument.Parse("{" + Encoding.UTF8.GetString(OfrepFragments.Outcome(index)).TrimEnd(',') + "}");
        return fragment.RootElement.GetProperty("reason").GetString()!;
    }
}
