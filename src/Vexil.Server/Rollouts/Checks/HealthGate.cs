using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Rollouts.Checks;

/// <summary>
/// Evaluates a plan's named checks: each query's value against its limits (an absolute <c>Max</c>, and/or at most
/// <c>MaxIncrease</c> above the baseline captured before the plan started). A check that cannot be evaluated counts as
/// unevaluable during its grace and as failed after it, never as passing.
/// </summary>
public sealed class HealthGate(PrometheusQueries prometheus, IOptionsMonitor<RolloutOptions> options)
{
    /// <summary>Null when every name is a configured check; otherwise what to fix.</summary>
    public string? UnknownCheck(IEnumerable<string> names)
    {
        var checks = options.CurrentValue.Checks;
        var unknown = names.FirstOrDefault(name => !checks.ContainsKey(name));
        if (unknown is null)
        {
            return null;
        }

        var known = checks.Count == 0 ? "none is configured (Vexil:Rollouts:Checks)" : "configured: " + string.Join(", ", checks.Keys.Order(StringComparer.Ordinal));
        return $"Unknown check '{unknown}': {known}. Add it under Vexil:Rollouts:Checks:{unknown}, or name a configured one.";
    }

    /// <summary>Each check's value now, as the baseline; or the first problem (a plan does not start on a check it cannot read).</summary>
    public async Task<(IReadOnlyDictionary<string, double> Baselines, string? Problem)> CaptureBaselinesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var baselines = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var query = options.CurrentValue.Checks[name].Query!;
            var answer = await prometheus.QueryAsync(query, cancellationToken);
            if (answer.Value is not { } value)
            {
                return (baselines, $"The baseline of check '{name}' could not be captured: {answer.Problem} Fix the query or Prometheus, then start the plan again.");
            }

            baselines[name] = value;
        }

        return (baselines, null);
    }

    /// <summary>Evaluates the plan's checks at <paramref name="now"/>; returns the readings and the updated unevaluable-since times.</summary>
    public async Task<(IReadOnlyList<CheckReading> Readings, IReadOnlyDictionary<string, DateTimeOffset> UnevaluableSince)> EvaluateAsync(
        RolloutPlan plan,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var readings = new List<CheckReading>(plan.Checks.Count);
        var since = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var name in plan.Checks)
        {
            if (!options.CurrentValue.Checks.TryGetValue(name, out var check) || string.IsNullOrWhiteSpace(check.Query))
            {
                // Removed from the configuration while the plan ran: nothing watches it any more, which is not "healthy".
                readings.Add(new CheckReading(name, string.Empty, null, "(not configured)", CheckReading.Failed, $"Check '{name}' is no longer configured under Vexil:Rollouts:Checks.", now));
                continue;
            }

            plan.Baselines.TryGetValue(name, out var baseline);
            var limit = Limit(check, plan.Baselines.ContainsKey(name) ? baseline : null, out var threshold);
            var answer = await prometheus.QueryAsync(check.Query, cancellationToken);
            if (answer.Value is { } value)
            {
                readings.Add(new CheckReading(name, check.Query, value, threshold, value <= limit ? CheckReading.Passed : CheckReading.Failed, null, now));
                continue;
            }

            var first = plan.UnevaluableSince.TryGetValue(name, out var earlier) ? earlier : now;
            since[name] = first;
            var outcome = now - first >= check.GraceValue ? CheckReading.Failed : CheckReading.Unevaluable;
            var problem = outcome == CheckReading.Failed
                ? $"{answer.Problem} It has been unevaluable since {first.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, longer than its grace of {RolloutDuration.Format(check.GraceValue)}."
                : answer.Problem;
            readings.Add(new CheckReading(name, check.Query, null, threshold, outcome, problem, now));
        }

        return (readings, since);
    }

    // The tighter of the configured limits; a relative one needs the baseline.
    private static double Limit(RolloutCheckOptions check, double? baseline, out string threshold)
    {
        var parts = new List<string>();
        var limit = double.PositiveInfinity;
        if (check.MaxValue is { } max)
        {
            limit = max;
            parts.Add($"<= {Number(max)}");
        }

        if (check.MaxIncreaseValue is { } increase && baseline is { } value)
        {
            var relative = value * (1 + increase);
            limit = Math.Min(limit, relative);
            parts.Add($"<= {Number(relative)} (baseline {Number(value)} + {Number(increase * 100)}%)");
        }

        threshold = parts.Count == 0 ? "(no limit)" : string.Join(" and ", parts);
        return limit;
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
