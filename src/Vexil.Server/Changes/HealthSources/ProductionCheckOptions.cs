using System.Globalization;

namespace Vexil.Server.Changes.HealthSources;

/// <summary><c>Vexil:ProductionCheck</c>: the optional external check and how long to wait for it.</summary>
public sealed class ProductionCheckOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:ProductionCheck";

    /// <summary>GitLab waits up to 300 seconds for its production check pipeline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    /// <summary>
    /// An http(s) URL that answers a POST of the change (<see cref="ProductionCheckRequest"/> as JSON) with
    /// <c>{"safe": true|false, "reasons": ["..."]}</c>; unset means no external check.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>How long to wait for the external check: seconds (<c>300</c>) or a time span (<c>00:05:00</c>). Default 300 seconds.</summary>
    public string? Timeout { get; set; }

    /// <summary>The timeout as a span; null when <see cref="Timeout"/> is not a positive duration.</summary>
    public TimeSpan? ParseTimeout()
    {
        var text = Timeout?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return DefaultTimeout;
        }

        // A bare number is seconds: TimeSpan.Parse would read "300" as 300 days.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds > 0 && seconds <= int.MaxValue / 1000 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    /// <summary>The external URL; null when none is configured or it is not an absolute http(s) URL (<see cref="Validate"/> says which).</summary>
    public Uri? ParseUrl() =>
        string.IsNullOrWhiteSpace(Url) ? null
        : Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : null;

    /// <summary>Null when the options are usable; otherwise what to fix.</summary>
    public string? Validate()
    {
        if (!string.IsNullOrWhiteSpace(Url) && ParseUrl() is null)
        {
            return $"{Section}:Url is '{Url}', which is not an absolute http or https URL; set it to the check's address, e.g. https://checks.example.com/production.";
        }

        return ParseTimeout() is null
            ? $"{Section}:Timeout is '{Timeout}'; set it to a number of seconds, e.g. 300, or a time span such as 00:05:00."
            : null;
    }
}
