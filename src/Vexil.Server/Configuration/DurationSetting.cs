using System.Globalization;

namespace Vexil.Server.Configuration;

/// <summary>
/// Reads a duration setting the way <c>Vexil:ProductionCheck:Timeout</c> does: a bare number is seconds (<c>10</c>,
/// <c>0.5</c>), anything else a time span (<c>00:05:00</c>). <see cref="TimeSpan.Parse(string)"/> alone would read
/// <c>10</c> as ten days.
/// </summary>
public static class DurationSetting
{
    /// <summary>
    /// The duration <paramref name="text"/> names: <paramref name="fallback"/> when it is empty, null when it is not a
    /// positive duration (or zero, when <paramref name="allowZero"/>).
    /// </summary>
    public static TimeSpan? Parse(string? text, TimeSpan fallback, bool allowZero = false)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return fallback;
        }

        TimeSpan value;
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds) || seconds > int.MaxValue / 1000)
            {
                return null;
            }

            value = TimeSpan.FromSeconds(seconds);
        }
        else if (!TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero) ? value : null;
    }

    /// <summary>The sentence that tells a person how to fix a duration setting.</summary>
    public static string Problem(string key, string? text, string example) =>
        $"{key} is '{text}'; set it to a positive number of seconds, e.g. {example}, or a time span such as 00:05:00.";
}
