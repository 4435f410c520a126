using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Bulk ETags. A bulk answer is a function of the flag table (environment, sequence, definitions, configuration),
/// the ticket epoch (the answer carries a ticket) and the context's actors, so the ETag hashes exactly those. It is
/// weak (<c>W/"..."</c>): two answers with the same ETag mean the same thing, but a percentage-of-time flag may
/// come out differently each time it is evaluated, so the bytes are not promised to be equal.
/// </summary>
internal static class OfrepETag
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    /// <summary>Formats the ETag, e.g. <c>W/"0123456789abcdef0123456789abcdef"</c>.</summary>
    public static string Format(ulong tableFingerprint, long epoch, ulong contextHash)
    {
        var state = (tableFingerprint ^ ((ulong)epoch * Multiplier)) * Multiplier;
        return string.Create(CultureInfo.InvariantCulture, $"W/\"{state:x16}{contextHash:x16}\"");
    }

    /// <summary>
    /// True when <c>If-None-Match</c> lists the ETag (weak comparison, as RFC 9110 prescribes for this header) or is
    /// <c>*</c>. Handles several header lines and comma-separated lists without allocating.
    /// </summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        var opaque = Opaque(etag.AsSpan());
        foreach (var line in ifNoneMatch)
        {
            var rest = line.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var candidate = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? ReadOnlySpan<char>.Empty : rest[(comma + 1)..];
                if (candidate is "*" || Opaque(candidate).SequenceEqual(opaque))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Opaque(ReadOnlySpan<char> tag) => tag.StartsWith("W/") ? tag[2..] : tag;
}
