using System.Text;
using Vexil.Core.Evaluation;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Pre-encoded pieces of OFREP JSON. A flag's answer is its pre-encoded key, one of a dozen constant
/// value/reason/variant fragments, and its pre-encoded metadata: writing a response is copying bytes.
/// </summary>
internal static class OfrepFragments
{
    private static readonly string[] ReasonNames = ["STATIC", "TARGETING_MATCH", "SPLIT", "DISABLED", "UNKNOWN"];

    // Index: reason * 2 + (enabled ? 1 : 0).
    private static readonly byte[][] Outcomes = BuildOutcomes();

    /// <summary>Opens a bulk answer.</summary>
    public static ReadOnlySpan<byte> BulkStart => "{\"flags\":["u8;

    /// <summary>Closes the flags array of a bulk answer and opens its event streams.</summary>
    public static ReadOnlySpan<byte> BulkFlagsEnd => "],"u8;

    /// <summary>The JSON content type OFREP clients check for.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Maps the engine's reason to the one reported (see docs/api-ofrep.md for the table). <paramref name="splits"/>
    /// says whether the flag has a percentage gate: then "no gate opened" is the losing side of a split (SPLIT), otherwise
    /// the outcome of actor and group targeting (TARGETING_MATCH). OFREP 0.3.0 has no DEFAULT reason.
    /// </summary>
    public static OfrepReason Map(EvaluationReason reason, bool splits) => reason switch
    {
        // default_enabled is a fixed value, the same for every context.
        EvaluationReason.Static or EvaluationReason.Default => OfrepReason.Static,
        EvaluationReason.TargetingMatch or EvaluationReason.OptedOut => OfrepReason.TargetingMatch,
        EvaluationReason.NoMatch => splits ? OfrepReason.Split : OfrepReason.TargetingMatch,
        EvaluationReason.Split => OfrepReason.Split,
        EvaluationReason.Disabled => OfrepReason.Disabled,
        _ => OfrepReason.Unknown,
    };

    /// <summary>The index of the fragment for an evaluation, small enough to keep in a byte.</summary>
    public static byte OutcomeIndex(FlagEvaluation evaluation, bool splits) =>
        (byte)(((int)Map(evaluation.Reason, splits) << 1) | (evaluation.Enabled ? 1 : 0));

    /// <summary>How many outcome indexes there are: every reason, enabled or not.</summary>
    public static int OutcomeCount => Outcomes.Length;

    /// <summary>The value an outcome index stands for.</summary>
    public static bool OutcomeValue(byte index) => (index & 1) == 1;

    /// <summary>The OFREP reason name an outcome index stands for, e.g. <c>SPLIT</c>.</summary>
    public static string OutcomeReason(byte index) => ReasonNames[index >> 1];

    /// <summary><c>"value":true,"reason":"SPLIT","variant":"on",</c> and its siblings.</summary>
    public static byte[] Outcome(byte index) => Outcomes[index];

    private static byte[][] BuildOutcomes()
    {
        var outcomes = new byte[ReasonNames.Length * 2][];
        for (var reason = 0; reason < ReasonNames.Length; reason++)
        {
            foreach (var enabled in (ReadOnlySpan<bool>)[false, true])
            {
                var text = enabled
                    ? $"\"value\":true,\"reason\":\"{ReasonNames[reason]}\",\"variant\":\"on\","
                    : $"\"value\":false,\"reason\":\"{ReasonNames[reason]}\",\"variant\":\"off\",";
                outcomes[(reason << 1) | (enabled ? 1 : 0)] = Encoding.UTF8.GetBytes(text);
            }
        }

        return outcomes;
    }
}
