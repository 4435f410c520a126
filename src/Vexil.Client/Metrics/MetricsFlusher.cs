using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vexil.Client.Evaluation;

namespace Vexil.Client.Metrics;

/// <summary>
/// Sends the evaluation counts to <c>POST /api/v1/metrics</c> every <see cref="VexilClientOptions.MetricsFlushInterval"/>.
/// Counts a flush could not deliver (server away, 5xx) are put back and go with the next one; counts the server refuses
/// (4xx) are dropped with a warning, since sending them again would be refused again.
/// </summary>
internal sealed class MetricsFlusher(VexilClientOptions options, HttpClient http, FlagTableBuilder flags, ILogger logger)
{
    /// <summary>The most flags one request carries: well under the server's 1,000 per report and 64 KiB per body.</summary>
    internal const int MaxFlagsPerRequest = 300;

    private DateTimeOffset windowStart = DateTimeOffset.UtcNow;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.MetricsFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping; the client flushes once more on dispose.
        }
    }

    /// <summary>Sends the counts gathered since the last flush; never throws except on cancellation.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var windowEnd = DateTimeOffset.UtcNow;
        var taken = new List<(string Flag, EvaluationCounts Counts, long True, long False)>();
        foreach (var (flag, counts) in flags.Counters())
        {
            var (trueCount, falseCount) = counts.Take();
            if (trueCount + falseCount > 0)
            {
                taken.Add((flag, counts, trueCount, falseCount));
            }
        }

        var start = windowStart;
        windowStart = windowEnd;
        foreach (var batch in taken.Chunk(MaxFlagsPerRequest))
        {
            await SendAsync(batch, start, windowEnd, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync((string Flag, EvaluationCounts Counts, long True, long False)[] batch, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ServerUrl, "api/v1/metrics"))
            {
                Content = new ByteArrayContent(Body(batch, start, end)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if ((int)response.StatusCode is >= 400 and < 500)
            {
                var detail = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                logger.LogWarning("The Vexil server refused {FlagCount} flags' evaluation counts ({Status}): {Detail}. They are dropped.", batch.Length, (int)response.StatusCode, detail.Length > 300 ? detail[..300] : detail);
                return;
            }

            logger.LogInformation("Sending evaluation counts answered {Status}; they go with the next flush.", (int)response.StatusCode);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or System.Net.Sockets.SocketException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogInformation("Sending evaluation counts failed ({Reason}); they go with the next flush.", error.Message);
        }

        foreach (var (_, counts, trueCount, falseCount) in batch)
        {
            counts.Restore(trueCount, falseCount);
        }
    }

    private byte[] Body((string Flag, EvaluationCounts Counts, long True, long False)[] batch, DateTimeOffset start, DateTimeOffset end)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + (batch.Length * 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("environment", options.Environment);
            writer.WriteStartObject("flags");
            foreach (var (flag, _, trueCount, falseCount) in batch)
            {
                writer.WriteStartObject(flag);
                writer.WriteNumber("true", trueCount);
                writer.WriteNumber("false", falseCount);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteString("window_start", start);
            writer.WriteString("window_end", end);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
