using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Vexil.Server.Rollouts.Checks;

namespace Vexil.Server.Rollouts;

/// <summary>
/// Checks <c>Vexil:Rollouts</c> at start-up: every check has a query and at least one limit, numbers are numbers and
/// durations are durations, and checks are only configured with a Prometheus to ask. Each problem names its key.
/// </summary>
internal sealed partial class RolloutOptionsValidator(IOptions<MetricsOptions> metrics) : IValidateOptions<RolloutOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        var failures = new List<string>();
        var section = RolloutOptions.Section;
        if (!string.IsNullOrWhiteSpace(options.CheckInterval) && RolloutDuration.ParseSetting(options.CheckInterval, RolloutOptions.DefaultCheckInterval) is null)
        {
            failures.Add($"{section}:CheckInterval is '{options.CheckInterval}'; set a positive duration such as 1m or 30s.");
        }

        if (!string.IsNullOrWhiteSpace(options.RollbackTo) && options.RollbackTo.Trim().ToLowerInvariant() is not ("previous" or "off"))
        {
            failures.Add($"{section}:RollbackTo is '{options.RollbackTo}'; use 'previous' (back to the last step that held) or 'off'.");
        }

        if (options.Checks.Count > 0 && metrics.Value.ParseUrl() is null)
        {
            failures.Add($"{section}:Checks names {options.Checks.Count} check(s) but {MetricsOptions.Section}:PrometheusUrl is not set; set Prometheus's address, e.g. http://prometheus:9090.");
        }

        foreach (var (check, settings) in options.Checks)
        {
            var key = $"{section}:Checks:{check}";
            if (!CheckName().IsMatch(check))
            {
                failures.Add($"{key}: the name '{check}' is not usable in --check; use lower-case letters, digits and underscores, e.g. error_rate.");
            }

            if (string.IsNullOrWhiteSpace(settings.Query))
            {
                failures.Add($"{key}:Query is empty; set PromQL that returns one number, e.g. sum(rate(http_requests_total{{code=~\"5..\"}}[5m])) / sum(rate(http_requests_total[5m])).");
            }

            if (string.IsNullOrWhiteSpace(settings.Max) && string.IsNullOrWhiteSpace(settings.MaxIncrease))
            {
                failures.Add($"{key} has neither Max nor MaxIncrease; set an absolute bound (Max: 0.01) or a rise over the baseline (MaxIncrease: 0.2 for 20%).");
            }

            if (!string.IsNullOrWhiteSpace(settings.Max) && settings.MaxValue is null)
            {
                failures.Add($"{key}:Max is '{settings.Max}', which is not a number; write it like 0.01.");
            }

            if (!string.IsNullOrWhiteSpace(settings.MaxIncrease) && settings.MaxIncreaseValue is not >= 0)
            {
                failures.Add($"{key}:MaxIncrease is '{settings.MaxIncrease}'; set a fraction of zero or more, e.g. 0.2 for 20% above the baseline.");
            }

            if (!string.IsNullOrWhiteSpace(settings.Grace) && RolloutDuration.ParseSetting(settings.Grace, RolloutCheckOptions.DefaultGrace, allowZero: true) is null)
            {
                failures.Add($"{key}:Grace is '{settings.Grace}'; set a duration such as 5m or 90s (0s fails an unevaluable check at once).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckName();
}
