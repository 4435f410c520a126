using System.Globalization;
using System.Text.RegularExpressions;
using Vexil.Server.Configuration;

namespace Vexil.Server.Rollouts;

/// <summary>
/// Durations as people type them in rollout commands and settings: <c>20s</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>. In
/// settings, the forms <see cref="DurationSetting"/> reads (seconds, <c>00:05:00</c>) work as well.
/// </summary>
public static partial class RolloutDuration
{
    /// <summary>The duration <paramref name="text"/> names, or null when it is not one (or not positive, unless <paramref name="allowZero"/>).</summary>
    public static TimeSpan? Parse(string? text, bool allowZero = false)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var match = Short().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }

        var amount = long.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var value = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero) ? value : null;
    }

    /// <summary>A setting: the short form, or what <see cref="DurationSetting"/> reads; <paramref name="fallback"/> when empty.</summary>
    public static TimeSpan? ParseSetting(string? text, TimeSpan fallback, bool allowZero = false) =>
        string.IsNullOrWhiteSpace(text) ? fallback : Parse(text, allowZero) ?? DurationSetting.Parse(text, fallback, allowZero);

    /// <summary>The short form, e.g. <c>15m</c>, <c>1d</c>, <c>90s</c>.</summary>
    public static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerDay == 0 && value > TimeSpan.Zero ? $"{(long)value.TotalDays}d"
        : value.Ticks % TimeSpan.TicksPerHour == 0 && value > TimeSpan.Zero ? $"{(long)value.TotalHours}h"
        : value.Ticks % TimeSpan.TicksPerMinute == 0 && value > TimeSpan.Zero ? $"{(long)value.TotalMinutes}m"
        : $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";

    // At most 5 digits: a year in seconds fits, and nothing overflows a TimeSpan.
    [GeneratedRegex("^(?<amount>[0-9]{1,5})(?<unit>[smhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex Short();
}
