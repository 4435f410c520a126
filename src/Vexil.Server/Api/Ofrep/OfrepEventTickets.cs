using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Signed, expiring permissions to listen to one environment's event stream. Browser providers open the stream with
/// <c>EventSource</c>, which cannot send an <c>Authorization</c> header, and a token in a URL would end up in proxy
/// logs; so bulk answers carry a ticket instead: <c>&lt;expiry unix seconds&gt;.&lt;HMAC-SHA256 of environment and
/// expiry&gt;</c>. Tickets are issued per 12-hour epoch and live two epochs, so every bulk answer of an epoch carries
/// the same URL (and a cached one keeps working for at least 12 hours).
/// </summary>
internal sealed class OfrepEventTickets
{
    /// <summary>Length of an epoch in seconds.</summary>
    public const long EpochSeconds = 12 * 60 * 60;

    private const int SignatureBytes = 18;

    private readonly byte[] key;
    private readonly TimeProvider time;

    /// <summary>Creates the issuer; with no configured key, a random one (good for a single process).</summary>
    public OfrepEventTickets(string? configuredKey, TimeProvider time)
    {
        key = string.IsNullOrEmpty(configuredKey) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(configuredKey);
        this.time = time;
        KeyTag = HMACSHA256.HashData(key, "vexil-ofrep-etag"u8)[..8];
    }

    /// <summary>
    /// Bytes that identify the key without revealing it. Bulk ETags include them: a replica with another key issues
    /// other tickets, so it must not answer 304 to an ETag whose answer carried a ticket it would refuse.
    /// </summary>
    public byte[] KeyTag { get; }

    /// <summary>The current epoch number.</summary>
    public long CurrentEpoch => time.GetUtcNow().ToUnixTimeSeconds() / EpochSeconds;

    /// <summary>The ticket for an environment (canonical name) in an epoch.</summary>
    public string Issue(string environment, long epoch)
    {
        var expires = (epoch + 2) * EpochSeconds;
        return expires.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(Sign(environment, expires));
    }

    /// <summary>True when the ticket was issued for this environment by a process with the same key and has not expired.</summary>
    public bool IsValid(string environment, string? ticket)
    {
        var dot = ticket?.IndexOf('.') ?? -1;
        if (dot <= 0 || !long.TryParse(ticket.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (expires <= now || expires - now > 2 * EpochSeconds)
        {
            return false;
        }

        var expected = Base64Url.EncodeToString(Sign(environment, expires));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(ticket![(dot + 1)..]));
    }

    private byte[] Sign(string environment, long expires) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(environment + "\n" + expires.ToString(CultureInfo.InvariantCulture)))[..SignatureBytes];
}
