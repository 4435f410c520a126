using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// <c>GET /api/v1/environments/{env}/stream</c>: Server-Sent Events, one <c>change</c> event per change in sequence
/// order, resumable with <c>Last-Event-ID</c>, a <c>reset</c> when the client must refetch the snapshot, and a
/// heartbeat comment every <see cref="StreamOptions.HeartbeatInterval"/>. The wire format is docs/stream.md.
/// </summary>
internal sealed partial class StreamEndpoint(
    ChangeFeed feed,
    EnvironmentCatalog environments,
    StreamLimits limits,
    StreamHeartbeats heartbeats,
    TokenCache tokens,
    IHostApplicationLifetime lifetime,
    ILogger<StreamEndpoint> logger)
{
    /// <summary>The query parameter that stands in for the <c>Last-Event-ID</c> header.</summary>
    public const string LastEventIdParameter = "lastEventId";

    /// <summary>Handles a request: streams until the client leaves, falls too far behind, or the server stops.</summary>
    public async Task HandleAsync(HttpContext context, string env)
    {
        if (StreamAccess.Check(context, environments, env, out var denial) is not { } environment)
        {
            await denial!.ExecuteAsync(context);
            return;
        }

        if (!TryReadLastEventId(context.Request, out var after, out var badId))
        {
            await StreamAccess.Problem(
                StatusCodes.Status400BadRequest,
                "Invalid Last-Event-ID",
                $"Last-Event-ID is '{badId}', which is not a sequence number: send the id of the last event received, or none to start from now.").ExecuteAsync(context);
            return;
        }

        var principal = context.GetTokenPrincipal()!;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = limits.TryAcquire(principal.Id, address, out var refusal);
        if (lease is null)
        {
            await StreamAccess.Problem(StatusCodes.Status429TooManyRequests, "Too many streams", refusal!).ExecuteAsync(context);
            return;
        }

        // A stream opened with a stored token ends when the token is revoked or expires; the bootstrap token (id 0)
        // lives in configuration and is never revoked.
        var tokenEnded = principal.Id > 0 ? tokens.EndOf(principal.Id) : CancellationToken.None;

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx would otherwise hold events back
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribed (with the replay fixed under the feed's lock) before the first byte goes out: once a client sees
        // ": connected", no change can slip past it.
        using var subscription = feed.Subscribe(environment.Name, after);
        using var end = new StreamEnd(subscription, context.RequestAborted, lifetime.ApplicationStopping, tokenEnded);
        using var heartbeat = heartbeats.Register(subscription);
        var cancellationToken = end.Token;
        try
        {
            var body = response.BodyWriter;
            body.Write(StreamFrames.Connected(subscription.Sequence));
            var sent = after ?? subscription.Sequence;
            foreach (var feedEvent in subscription.Replay)
            {
                sent = Append(body, feedEvent, sent);
            }

            await body.FlushAsync(cancellationToken);

            // The live loop stays in this method (no second async method, whose state machine every idle stream would
            // hold), and waits without a token: StreamEnd wakes it by completing the queue.
            var reader = subscription.Reader;
            while (!end.IsEnded && await reader.WaitToReadAsync(CancellationToken.None))
            {
                // Copy everything waiting into the response's buffer, then flush once: a burst of changes leaves in
                // few packets, and a delivery to one of a thousand subscribers costs one flush (one chunk, one send)
                // rather than a write-and-flush per event.
                while (!end.IsEnded && reader.TryRead(out var feedEvent))
                {
                    sent = Append(body, feedEvent, sent);
                }

                await body.FlushAsync(cancellationToken);
            }

            if (!end.IsEnded)
            {
                // Completed without an end signal: normally when the subscriber fell too far behind (this throws).
                await reader.Completion;
            }
        }
        catch (OperationCanceledException) when (end.IsEnded)
        {
            // The client left, the server is stopping, or the token was revoked: each ends the stream normally.
        }
        catch (ChangeFeedOverflowException)
        {
            // Ending the response is the signal: the client reconnects with Last-Event-ID and resumes from history.
            LogSlowSubscriber(logger, environment.Name, address);
        }
    }

    // Buffers one event unless it is a change the client already has; returns the sequence the client is now at.
    private static long Append(PipeWriter body, FeedEvent feedEvent, long sent)
    {
        switch (feedEvent.Kind)
        {
            case FeedEventKind.Heartbeat:
                body.Write(StreamFrames.Heartbeat);
                return sent;
            case FeedEventKind.Change when feedEvent.Sequence <= sent:
                return sent;
            default:
                body.Write(StreamFrames.Of(feedEvent));
                return feedEvent.Sequence;
        }
    }

    private static bool TryReadLastEventId(HttpRequest request, out long? after, out string? bad)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0)
        {
            text = request.Query[LastEventIdParameter].ToString();
        }

        after = null;
        bad = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            after = parsed;
            return true;
        }

        bad = text.Length > 40 ? text[..40] + "…" : text;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected a change-stream subscriber of {Environment} at {Address} that fell too far behind.")]
    private static partial void LogSlowSubscriber(ILogger logger, string environment, string address);
}
