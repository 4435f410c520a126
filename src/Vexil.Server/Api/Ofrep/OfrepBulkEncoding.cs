using System.Buffers;
using System.IO.Compression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Content coding of bulk answers. A bulk answer repeats the same few shapes for every flag (<c>{"key":..,"value":true,
/// "reason":"STATIC","variant":"on"}</c>), so Brotli shrinks 1,000 flags to a few percent of their size, which matters to
/// browser and mobile providers that fetch the whole set on start and after every change.
/// </summary>
/// <remarks>
/// Why compressing is safe here (BREACH): that attack needs a secret and attacker-chosen text in one compressed body,
/// sent by the victim's client with credentials the attacker can make it attach. A bulk answer carries the event-stream
/// ticket, but nothing from the request is echoed into it (the context only picks values), and the request is
/// authorised by a bearer token a client sets explicitly, which a cross-site page cannot make a browser send. Single
/// evaluations are a few hundred bytes and are never compressed: the work would cost more than the bytes saved.
/// </remarks>
internal static class OfrepBulkEncoding
{
    /// <summary>Below this many bytes an answer is sent as it is.</summary>
    public const int MinimumLength = 1024;

    // Quality 4 with a 1 MiB window: measured on a 1,000-flag answer (about 110 KB) it compresses in a fraction of a
    // millisecond to under 4 KB; the higher qualities cost several times the CPU for a few hundred bytes more.
    private const int BrotliQuality = 4;
    private const int BrotliWindow = 20;

    /// <summary>The codings we can produce.</summary>
    public enum Coding
    {
        /// <summary>No coding.</summary>
        Identity,

        /// <summary>Brotli (<c>br</c>).</summary>
        Brotli,

        /// <summary>gzip.</summary>
        Gzip,
    }

    /// <summary>
    /// The coding to answer with: Brotli when the client accepts it, else gzip, else none. A q-value of 0 refuses a coding
    /// (RFC 9110 §12.5.3); a header that does not parse gets no coding rather than an error.
    /// </summary>
    public static Coding Choose(StringValues acceptEncoding)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding) || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return Coding.Identity;
        }

        double brotli = 0, gzip = 0, any = 0;
        bool brotliNamed = false, gzipNamed = false;
        foreach (var coding in codings)
        {
            var quality = coding.Quality ?? 1;
            if (coding.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                (brotli, brotliNamed) = (quality, true);
            }
            else if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                (gzip, gzipNamed) = (quality, true);
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = quality;
            }
        }

        brotli = brotliNamed ? brotli : any;
        gzip = gzipNamed ? gzip : any;
        return brotli > 0 && brotli >= gzip ? Coding.Brotli
            : gzip > 0 ? Coding.Gzip
            : Coding.Identity;
    }

    /// <summary>The header value of a coding.</summary>
    public static string HeaderValue(Coding coding) => coding == Coding.Brotli ? "br" : "gzip";

    /// <summary>
    /// Compresses <paramref name="body"/> into a buffer rented from the shared pool (the caller returns it) and gives the
    /// compressed length.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> body, Coding coding, out int length)
    {
        if (coding == Coding.Brotli)
        {
            var output = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(body.Length));
            if (BrotliEncoder.TryCompress(body, output, out length, BrotliQuality, BrotliWindow))
            {
                return output;
            }

            ArrayPool<byte>.Shared.Return(output);
            throw new InvalidOperationException("Brotli could not compress a bulk answer into its maximum compressed length.");
        }

        // gzip has no span API; a stream over a pooled buffer sized for the worst case (stored blocks add a few bytes
        // per 64 KiB) keeps it to one copy.
        var buffer = ArrayPool<byte>.Shared.Rent(body.Length + (body.Length / 16) + 64);
        using var target = new MemoryStream(buffer, 0, buffer.Length, writable: true, publiclyVisible: true);
        using (var gzip = new GZipStream(target, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        length = (int)target.Position;
        return buffer;
    }
}
