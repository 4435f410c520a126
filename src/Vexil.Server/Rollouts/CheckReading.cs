namespace Vexil.Server.Rollouts;

/// <summary>One evaluation of a named health check.</summary>
/// <param name="Check">The check's name, e.g. <c>error_rate</c>.</param>
/// <param name="Query">The PromQL it ran.</param>
/// <param name="Value">The number Prometheus answered; null when the check could not be evaluated.</param>
/// <param name="Threshold">The limit it was held to, e.g. <c>&lt;= 0.01</c> or <c>&lt;= 0.024 (baseline 0.02 + 20%)</c>.</param>
/// <param name="Outcome">passed, failed, or unevaluable (within its grace).</param>
/// <param name="Problem">Why it could not be evaluated, or null.</param>
/// <param name="At">When it ran.</param>
public sealed record CheckReading(string Check, string Query, double? Value, string Threshold, string Outcome, string? Problem, DateTimeOffset At)
{
    /// <summary>The check held.</summary>
    public const string Passed = "passed";

    /// <summary>The check failed: over its limit, or unevaluable for longer than its grace.</summary>
    public const string Failed = "failed";

    /// <summary>The check could not be evaluated, but is still within its grace.</summary>
    public const string Unevaluable = "unevaluable";

    /// <summary>One line for answers and announcements, e.g. <c>error_rate = 0.05 (limit &lt;= 0.01): failed</c>.</summary>
    public string Describe() =>
        Value is { } value
            ? $"{Check} = {value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} (limit {Threshold}): {Outcome}"
            : $"{Check}: {Outcome}, {Problem}";
}
