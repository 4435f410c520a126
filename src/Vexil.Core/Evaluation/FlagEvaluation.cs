namespace Vexil.Core.Evaluation;

/// <summary>The answer for one flag: a value type, so evaluation allocates nothing.</summary>
public readonly record struct FlagEvaluation(bool Enabled, EvaluationReason Reason)
{
    /// <summary>The answer for a flag nobody has heard of: off.</summary>
    public static FlagEvaluation Unknown => new(false, EvaluationReason.Unknown);
}
