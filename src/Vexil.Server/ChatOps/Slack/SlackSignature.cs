using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vexil.Server.ChatOps.Slack;

/// <summary>
/// Slack's request signing: <c>X-Slack-Signature</c> is <c>v0=</c> and the hex HMAC-SHA256, keyed with the app's
/// signing secret, of <c>v0:&lt;X-Slack-Request-Timestamp&gt;:&lt;raw body&gt;</c>. A request more than five minutes
/// from the server's clock is refused, so a captured request cannot be replayed later; within those five minutes the
/// endpoint refuses a signature it has seen before (<see cref="Replays.ISeenRequestStore"/>).
/// </summary>
public static class SlackSignature
{
    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>How far a request's timestamp may be from the server's clock, either way.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    /// <summary>The signature Slack would send for a body at a timestamp.</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>The instant a <see cref="TimestampHeader"/> value names; null when it is not a Unix time in seconds.</summary>
    public static DateTimeOffset? SignedAt(string? timestamp) =>
        long.TryParse(timestamp?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
            : null;

    /// <summary>Null when the request is signed with <paramref name="secret"/> and recent; otherwise why it is refused.</summary>
    public static string? Check(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signature))
        {
            return $"The request is not signed: Slack sends {SignatureHeader} and {TimestampHeader}, and both are required.";
        }

        if (SignedAt(timestamp) is not { } signedAt)
        {
            return $"{TimestampHeader} is not a Unix time in seconds.";
        }

        var age = now - signedAt;
        if (age.Duration() > MaxSkew)
        {
            return $"The request was signed {(age > TimeSpan.Zero ? "more than 5 minutes ago" : "more than 5 minutes in the future")}; it may be a replay, or the server's clock is wrong.";
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp.Trim(), body));
        var presented = Encoding.ASCII.GetBytes(signature.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? null
            : $"The signature does not match; check that {SlackOptions.Section}:SigningSecret is the Slack app's signing secret.";
    }
}
