namespace Vexil.Server.Rollouts.Checks;

/// <summary>What Prometheus answered an instant query: one number, or why there is none.</summary>
/// <param name="Value">The number; null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the query could not be evaluated (Prometheus down, bad query, no series, several series, NaN).</param>
public sealed record PrometheusAnswer(double? Value, string? Problem);
