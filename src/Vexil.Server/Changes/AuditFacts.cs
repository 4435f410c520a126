using System.Globalization;
using Vexil.Server.Auth;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// Builds the audit records of the facts that change what may change production, though they change no flag: tokens
/// created and revoked, incidents opened and closed, change locks added and removed. Who is the caller's token (name
/// and id), through the API, from the client's address.
/// </summary>
public static class AuditFacts
{
    /// <summary>A record of <paramref name="kind"/> made by the caller of <paramref name="http"/>; the recorder stamps the time.</summary>
    public static AuditRecord For(HttpContext http, string kind, string title, IReadOnlyDictionary<string, string> facts, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(facts);
        var caller = http.GetTokenPrincipal();
        var details = new Dictionary<string, string>(facts, StringComparer.Ordinal);
        if (caller is not null)
        {
            details["token"] = caller.Name;
            details["token_id"] = caller.Id.ToString(CultureInfo.InvariantCulture);
        }

        return new AuditRecord(
            0,
            kind,
            default,
            environment,
            null,
            null,
            caller?.Name ?? "unknown",
            ChangeChannels.Api,
            http.Connection.RemoteIpAddress?.ToString(),
            http.TraceIdentifier,
            title,
            null,
            details);
    }

    /// <summary>Formats an id for the details.</summary>
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
