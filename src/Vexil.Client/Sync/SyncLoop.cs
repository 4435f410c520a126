using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vexil.Client.Evaluation;

namespace Vexil.Client.Sync;

/// <summary>
/// Keeps the client's flags in step with the server: fetches the snapshot (with its ETag), follows the change stream
/// with Last-Event-ID, refetches on a reset or a gap, reconnects with exponential backoff and jitter, treats a silent
/// stream as dead after the heartbeat timeout, and polls the snapshot when the server offers no stream.
/// </summary>
internal sealed class SyncLoop(
    VexilClientOptions options,
    HttpClient http,
    FlagTableBuilder flags,
    SnapshotFile? file,
    ILogger logger,
    Action<VexilClientStatus> setStatus,
    Action<FlagsChangedEventArgs> raiseChanged)
{
    private readonly string environmentPath = "api/v1/environments/" + Uri.EscapeDataString(options.Environment);

    /// <summary>Fetches the snapshot (conditionally, with the ETag held) and applies it when it changed.</summary>
    public async Task FetchSnapshotAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        using var request = NewRequest(HttpMethod.Get, environmentPath + "/snapshot");
        if (flags.Document?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SyncException(await DescribeFailureAsync(response, "snapshot", timeout.Token).ConfigureAwait(false));
        }

        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        SnapshotDocument document;
        try
        {
            document = SnapshotDocument.Parse(body, response.Headers.ETag?.ToString());
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            throw new SyncException($"The server's snapshot could not be read ({error.Message}); is ServerUrl a Vexil server?", inner: error);
        }

        var changed = flags.ReplaceSnapshot(document);
        Save(document);
        logger.LogInformation("Vexil snapshot of {Environment} applied at sequence {Sequence} ({FlagCount} flags).", document.Environment, document.Sequence, document.Flags.Count + document.Defaults.Count);
        if (changed.Count > 0)
        {
            raiseChanged(new FlagsChangedEventArgs(document.Sequence, changed, isFullSnapshot: true));
        }
    }

    /// <summary>Runs until cancelled. <paramref name="needSnapshot"/>: start with a snapshot fetch.</summary>
    public async Task RunAsync(bool needSnapshot, CancellationToken cancellationToken)
    {
        var failures = 0;
        var pollUntil = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needSnapshot || flags.Document is null)
                {
                    await FetchSnapshotAsync(cancellationToken).ConfigureAwait(false);
                    needSnapshot = false;
                    setStatus(VexilClientStatus.Ready);
                }

                if (DateTimeOffset.UtcNow < pollUntil)
                {
                    // Polling fallback: the next turn refetches the snapshot, which answers 304 while nothing changed.
                    await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                    needSnapshot = true;
                    continue;
                }

                var (outcome, connected) = await StreamOnceAsync(cancellationToken).ConfigureAwait(false);
                failures = connected ? 0 : failures;
                needSnapshot = outcome == StreamOutcome.NeedsSnapshot;
                if (outcome != StreamOutcome.NeedsSnapshot)
                {
                    // The connection is gone: until the next one is up, the flags may be behind.
                    setStatus(VexilClientStatus.Stale);
                    failures++;
                    await Task.Delay(Backoff(failures), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SyncException error) when (error.StreamUnavailable)
            {
                logger.LogWarning("The Vexil server offers no change stream for {Environment} ({Reason}); polling the snapshot every {PollInterval} and trying the stream again in {RetryInterval}.", options.Environment, error.Message, options.PollInterval, options.StreamRetryInterval);
                pollUntil = DateTimeOffset.UtcNow + options.StreamRetryInterval;
                needSnapshot = true;
            }
            catch (Exception error)
            {
                // Anything else keeps the loop alive: a connection reset can surface as a bare SocketException from
                // inside HttpClient's connect (seen when a proxy accepts and closes at once), and a client that stopped
                // syncing would serve a stale snapshot for good.
                failures++;
                setStatus(flags.Document is null ? VexilClientStatus.Empty : VexilClientStatus.Stale);
                var delay = Backoff(failures);
                logger.LogWarning("Vexil sync with {ServerUrl} failed ({Reason}); retrying in {Delay} (attempt {Attempt}).", options.ServerUrl, Describe(error), delay, failures);
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Exponential backoff with equal jitter: half the delay fixed, half random, so clients spread out after an outage.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 20);
        var ceiling = Math.Min(options.MaxReconnectDelay.TotalMilliseconds, options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private async Task<(StreamOutcome Outcome, bool Connected)> StreamOnceAsync(CancellationToken cancellationToken)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(options.HeartbeatTimeout);
        var connected = false;
        try
        {
            using var request = NewRequest(HttpMethod.Get, environmentPath + "/stream");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var lastSequence = flags.Document!.Sequence;
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, silence.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented
                || (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "text/event-stream"))
            {
                // The snapshot of this environment was just served, so a missing stream means the server has none.
                throw new SyncException($"GET {environmentPath}/stream answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}", streamUnavailable: true);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SyncException(await DescribeFailureAsync(response, "stream", silence.Token).ConfigureAwait(false));
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(silence.Token).ConfigureAwait(false));
            connected = true;
            setStatus(VexilClientStatus.Ready);
            logger.LogDebug("Vexil stream of {Environment} connected after sequence {Sequence}.", options.Environment, lastSequence);
            var parser = new ServerSentEventParser();
            while (true)
            {
                var line = await reader.ReadLineAsync(silence.Token).ConfigureAwait(false);
                if (line is null)
                {
                    logger.LogInformation("The Vexil server closed the stream of {Environment}; reconnecting after sequence {Sequence}.", options.Environment, flags.Document.Sequence);
                    return (StreamOutcome.Ended, connected);
                }

                // Any line (heartbeat comment, event) proves the connection alive.
                silence.CancelAfter(options.HeartbeatTimeout);
                if (parser.Feed(line) is { } serverEvent && Handle(serverEvent) is { } outcome)
                {
                    return (outcome, connected);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && silence.IsCancellationRequested)
        {
            logger.LogWarning("The Vexil stream of {Environment} was silent for {HeartbeatTimeout}; reconnecting.", options.Environment, options.HeartbeatTimeout);
            return (StreamOutcome.Silent, connected);
        }
        catch (Exception error) when (connected && error is IOException or HttpRequestException)
        {
            logger.LogInformation("The Vexil stream of {Environment} dropped ({Reason}); reconnecting.", options.Environment, error.Message);
            return (StreamOutcome.Ended, connected);
        }
    }

    private StreamOutcome? Handle(ServerSentEvent serverEvent)
    {
        switch (serverEvent.Type)
        {
            case "change":
                return ApplyChange(serverEvent.Data);
            case "reset":
                logger.LogInformation("The Vexil server reset the stream of {Environment} ({Data}); refetching the snapshot.", options.Environment, serverEvent.Data);
                return StreamOutcome.NeedsSnapshot;
            default:
                return null;
        }
    }

    private StreamOutcome? ApplyChange(string data)
    {
        long sequence;
        string flag;
        Core.State.FlagState? state;
        try
        {
            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            sequence = root.GetProperty("sequence").GetInt64();
            flag = root.GetProperty("flag").GetString() ?? throw new JsonException("'flag' is null.");
            state = root.TryGetProperty("state", out var element) && element.ValueKind != JsonValueKind.Null ? SnapshotDocument.ReadState(element) : null;
        }
        catch (Exception error) when (error is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogWarning("Unreadable Vexil change event ({Reason}); refetching the snapshot.", error.Message);
            return StreamOutcome.NeedsSnapshot;
        }

        var current = flags.Document!.Sequence;
        if (sequence <= current)
        {
            return null; // already applied (the snapshot was newer than the resume point)
        }

        if (sequence != current + 1)
        {
            logger.LogWarning("Vexil change {Sequence} arrived after {Current}: a gap; refetching the snapshot.", sequence, current);
            return StreamOutcome.NeedsSnapshot;
        }

        flags.ApplyChange(sequence, flag, state);
        Save(flags.Document);
        raiseChanged(new FlagsChangedEventArgs(sequence, [flag], isFullSnapshot: false));
        return null;
    }

    private void Save(SnapshotDocument document) => file?.Save(document, options.Environment);

    private HttpRequestMessage NewRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(options.ServerUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        return request;
    }

    private static async Task<string> DescribeFailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var detail = string.Empty;
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            detail = body.Length > 300 ? body[..300] : body;
        }
        catch (Exception error) when (error is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            // The status says enough.
        }

        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " Check Vexil:Token.",
            HttpStatusCode.Forbidden => " The token may not read this environment.",
            HttpStatusCode.NotFound => " Check Vexil:Environment and Vexil:ServerUrl.",
            _ => string.Empty,
        };
        return $"the {what} request answered {(int)response.StatusCode} {response.ReasonPhrase}.{hint} {detail}".TrimEnd();
    }

    private static string Describe(Exception error) => error is OperationCanceledException ? "timed out" : error.Message;
}
