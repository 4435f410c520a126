using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;
using Vexil.Server.Environments;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// <c>POST /ofrep/v1/evaluate/flags</c>: evaluates every flag of the environment (persisted and defined-only) for one
/// context, for client-side providers that cache the set. Answers carry a weak ETag (see <see cref="OfrepETag"/>);
/// a matching <c>If-None-Match</c> gets 304 before anything is evaluated.
/// </summary>
internal sealed class OfrepBulkEvaluationEndpoint(
    OfrepFlagTables tables,
    EnvironmentCatalog environments,
    OfrepEventTickets tickets,
    OfrepOptions options)
{
    // Hand the bytes to the connection in pieces of about this size, rather than buffering a whole large answer.
    private const int FlushThreshold = 64 * 1024;

    private readonly OfrepBulkTail?[] tails = new OfrepBulkTail?[environments.All.Count];

    /// <summary>Handles a request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (OfrepAccess.Check(context, environments, out var environment) is { } denial)
        {
            await OfrepResponses.WriteDenialAsync(context, denial, null);
            return;
        }

        var bodyReader = context.Request.BodyReader;
        var body = await OfrepRequestBody.ReadAsync(bodyReader, context.RequestAborted);
        var actors = default(OfrepActors);
        string? errorCode;
        string? details;
        OfrepFlagTable? table = null;
        string? etag = null;
        byte[]? outcomes = null;
        var length = 0;
        var epoch = tickets.CurrentEpoch;
        try
        {
            errorCode = OfrepContextParser.Parse(body.Buffer, options.MaxActors, ref actors, out details);
            if (errorCode is null)
            {
                table = tables.Get(environment);
                etag = OfrepETag.Format(table.Fingerprint, epoch, OfrepContextHash.Of(actors.Span));
                if (!OfrepETag.Matches(context.Request.Headers.IfNoneMatch, etag))
                {
                    outcomes = ArrayPool<byte>.Shared.Rent(Math.Max(1, table.Entries.Length));
                    length = Evaluate(table, actors.Span, outcomes);
                }
            }
        }
        finally
        {
            bodyReader.AdvanceTo(body.Buffer.End);
            actors.Return();
        }

        if (errorCode is not null)
        {
            await OfrepResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, null, errorCode, details!);
            return;
        }

        var response = context.Response;
        response.Headers.ETag = etag;

        // The answer's coding depends on Accept-Encoding, so caches must key on it (also for 304s and identity answers).
        response.Headers.Vary = HeaderNames.AcceptEncoding;

        // Caches between client and server must ask again every time: the answer depends on the request body.
        response.Headers.CacheControl = "no-cache";
        if (outcomes is null)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        try
        {
            var tail = Tail(table!, environment, epoch, context.Request.PathBase.Value ?? string.Empty);
            response.ContentType = OfrepFragments.JsonContentType;
            var total = OfrepFragments.BulkStart.Length + length + OfrepFragments.BulkFlagsEnd.Length + tail.Length;
            var coding = total >= OfrepBulkEncoding.MinimumLength
                ? OfrepBulkEncoding.Choose(context.Request.Headers.AcceptEncoding)
                : OfrepBulkEncoding.Coding.Identity;
            if (coding == OfrepBulkEncoding.Coding.Identity)
            {
                response.ContentLength = total;
                await WriteAsync(response.BodyWriter, table!, outcomes, tail, context.RequestAborted);
            }
            else
            {
                await WriteCompressedAsync(response, coding, total, table!, outcomes, tail, context.RequestAborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(outcomes);
        }
    }

    // Decides every flag, keeping each outcome in a byte; returns the encoded length of the flags with their commas.
    private static int Evaluate(OfrepFlagTable table, ReadOnlySpan<string> actors, byte[] outcomes)
    {
        var entries = table.Entries;
        var length = Math.Max(0, entries.Length - 1);
        for (var i = 0; i < entries.Length; i++)
        {
            var outcome = entries[i].Evaluate(actors);
            outcomes[i] = outcome;
            length += entries[i].Length(outcome);
        }

        return length;
    }

    private static async Task WriteAsync(PipeWriter writer, OfrepFlagTable table, byte[] outcomes, byte[] tail, CancellationToken cancellationToken)
    {
        var next = 0;
        Copy(writer, OfrepFragments.BulkStart);
        while (next < table.Entries.Length)
        {
            next = WriteFlags(writer, table.Entries, outcomes, next);
            if (next < table.Entries.Length)
            {
                var flushed = await writer.FlushAsync(cancellationToken);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return; // the client went away
                }
            }
        }

        Copy(writer, OfrepFragments.BulkFlagsEnd);
        Copy(writer, tail);
        await writer.FlushAsync(cancellationToken);
    }

    // Renders the whole answer into a pooled buffer, compresses it and sends the compressed bytes with their length.
    private static async Task WriteCompressedAsync(
        HttpResponse response,
        OfrepBulkEncoding.Coding coding,
        int total,
        OfrepFlagTable table,
        byte[] outcomes,
        byte[] tail,
        CancellationToken cancellationToken)
    {
        var plain = ArrayPool<byte>.Shared.Rent(total);
        byte[]? compressed = null;
        try
        {
            Render(plain.AsSpan(0, total), table.Entries, outcomes, tail);
            compressed = OfrepBulkEncoding.Compress(plain.AsSpan(0, total), coding, out var compressedLength);
            response.Headers.ContentEncoding = OfrepBulkEncoding.HeaderValue(coding);
            response.ContentLength = compressedLength;
            await response.Body.WriteAsync(compressed.AsMemory(0, compressedLength), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
            if (compressed is not null)
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }
        }
    }

    private static void Render(Span<byte> destination, OfrepFlagEntry[] entries, byte[] outcomes, byte[] tail)
    {
        OfrepFragments.BulkStart.CopyTo(destination);
        var at = OfrepFragments.BulkStart.Length;
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                destination[at++] = (byte)',';
            }

            var size = entries[i].Length(outcomes[i]);
            entries[i].CopyTo(destination.Slice(at, size), outcomes[i]);
            at += size;
        }

        OfrepFragments.BulkFlagsEnd.CopyTo(destination[at..]);
        at += OfrepFragments.BulkFlagsEnd.Length;
        tail.CopyTo(destination[at..]);
    }

    // Writes flags from index `start` until about FlushThreshold bytes are buffered; returns the next index.
    private static int WriteFlags(PipeWriter writer, OfrepFlagEntry[] entries, byte[] outcomes, int start)
    {
        var written = 0;
        var i = start;
        for (; i < entries.Length && written < FlushThreshold; i++)
        {
            var entry = entries[i];
            var outcome = outcomes[i];
            var size = entry.Length(outcome) + (i > 0 ? 1 : 0);
            var span = writer.GetSpan(size);
            if (i > 0)
            {
                span[0] = (byte)',';
                span = span[1..];
            }

            entry.CopyTo(span, outcome);
            writer.Advance(size);
            written += size;
        }

        return i;
    }

    private static void Copy(PipeWriter writer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    private byte[] Tail(OfrepFlagTable table, VexilEnvironment environment, long epoch, string pathBase)
    {
        var tail = Volatile.Read(ref tails[environment.Order]);
        if (tail is null || !tail.Fits(table, epoch, pathBase))
        {
            tail = OfrepBulkTail.Build(table, epoch, pathBase, tickets.Issue(environment.Name, epoch), options.InactivityDelaySeconds);
            Volatile.Write(ref tails[environment.Order], tail);
        }

        return tail.Bytes;
    }
}
