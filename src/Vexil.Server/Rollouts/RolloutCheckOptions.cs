using System.Globalization;

namespace Vexil.Server.Rollouts;

/// <summary><c>Vexil:Rollouts:Checks:&lt;name&gt;</c>: one health check, a PromQL query with a limit.</summary>
public sealed class RolloutCheckOptions
{
    /// <summary>How long a check may be unevaluable when <see cref="Grace"/> is unset: five minutes.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);

    /// <summary>PromQL that returns one number, e.g. an error ratio over the last five minutes.</summary>
    public string? Query { get; set; }

    /// <summary>An absolute upper bound: the check fails above it (optional).</summary>
    public string? Max { get; set; }

    /// <summary>The most the value may rise above its baseline (captured before the plan started), as a fraction: 0.2 is 20% (optional).</summary>
    public string? MaxIncrease { get; set; }

    /// <summary>How long the check may be unevaluable (Prometheus down, bad query, no series) before it counts as failed. Default five minutes.</summary>
    public string? Grace { get; set; }

    /// <summary>The absolute bound, or null.</summary>
    public double? MaxValue => ParseNumber(Max);

    /// <summary>The relative bound, or null.</summary>
    public double? MaxIncreaseValue => ParseNumber(MaxIncrease);

    /// <summary>The grace as a span (validated at start-up).</summary>
    public TimeSpan GraceValue => RolloutDuration.ParseSetting(Grace, DefaultGrace, allowZero: true) ?? DefaultGrace;

    /// <summary>A finite number in invariant culture, or null.</summary>
    public static double? ParseNumber(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
