using System.Text.RegularExpressions;
using Vexil.Server.Api.Ofrep;

namespace Vexil.Server.Hosting.Logging;

/// <summary>
/// Removes secrets from log text: the values of the query parameters that carry credentials. GitLab's API accepts
/// <c>private_token</c> and <c>access_token</c> in the query string, and an OFREP event-stream URL carries a signed
/// <c>ticket</c>; ASP.NET Core's request log ("Request starting GET /api/v4/features?private_token=...") and
/// HttpClient's logs print whole URLs, so any of them would leak the secret to whoever reads the logs.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>The query parameters whose values never reach a log.</summary>
    public static IReadOnlyList<string> SecretParameters { get; } =
        ["private_token", "access_token", OfrepEventStreamEndpoint.TicketParameter];

    /// <summary>True when <paramref name="text"/> may hold a secret parameter (a cheap test before the regex).</summary>
    public static bool MayContainSecret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var name in SecretParameters)
        {
            if (text.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns <paramref name="text"/> with the value of every secret query parameter replaced by
    /// <see cref="Redacted"/>, whether written plainly or percent-encoded as part of a larger URL.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MayContainSecret(text) ? SecretValue().Replace(text, "${name}=" + Redacted) : text;
    }

    // A parameter starts a query (?), follows another (&, or ; which some clients use), or is the first thing in the
    // text (a query string logged on its own). The value runs to the next separator, whitespace or quote.
    [GeneratedRegex(@"(?<=^|[?&;\s])(?<name>private_token|access_token|ticket)=[^&;\s""'#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();
}
