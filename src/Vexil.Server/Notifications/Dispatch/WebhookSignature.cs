using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// The signature of a generic webhook request: <c>X-Vexil-Signature: v1=&lt;hex HMAC-SHA256 of
/// "&lt;timestamp&gt;.&lt;body&gt;"&gt;</c> with the webhook's secret, where the timestamp is <c>X-Vexil-Timestamp</c>
/// (Unix seconds). Signing the timestamp lets a receiver refuse old requests replayed later.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The timestamp header.</summary>
    public const string TimestampHeader = "X-Vexil-Timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Vexil-Signature";

    /// <summary>The signature scheme's version prefix.</summary>
    public const string Version = "v1=";

    /// <summary>The header value for a body sent at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}"));
        return Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the body at the timestamp (compared in constant time).</summary>
    public static bool Verify(string secret, long timestamp, string body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()));
    }
}
