using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// <c>GET /ofrep/v1/events?environment=...&amp;ticket=...</c>: a server-sent event stream that says
/// <c>{"type":"refetchEvaluation"}</c> whenever the environment's snapshot changes, so OFREP providers re-fetch
/// their bulk evaluation (with <c>If-None-Match</c>) instead of polling. Callers prove access with the ticket from a
/// bulk answer or with a token in a header. Idle streams carry a comment line every heartbeat interval. A stream
/// opened with a token ends when the token is revoked (here or on another server) or expires; open streams are limited
/// per token and per client address (<see cref="OfrepEventStreamOptions"/>), with 429 beyond.
/// </summary>
internal sealed class OfrepEventStreamEndpoint(
    SnapshotCache snapshots,
    ChangeFeed feed,
    EnvironmentCatalog environments,
    OfrepEventTickets tickets,
    OfrepOptions options,
    OfrepEventStreamLimits limits,
    TokenCache tokens,
    IHostApplicationLifetime lifetime)
{
    /// <summary>The stream's path.</summary>
    public const string Path = "/ofrep/v1/events";

    /// <summary>The query parameter holding the ticket.</summary>
    public const string TicketParameter = "ticket";

    // Tells EventSource to reconnect after 5 s rather than its default 3 s, and opens the stream at once so that a
    // client (and a test) knows the subscription is live.
    private static readonly byte[] Opening = "retry: 5000\n: vexil ofrep events\n\n"u8.ToArray();
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    /// <summary>Handles a request: streams until the client leaves or the server stops.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (Authorize(context, out var environment) is { } denial)
        {
            await OfrepResponses.WriteDenialAsync(context, denial, null);
            return;
        }

        // A ticket stands for an environment, not a token (bulk answers share one per epoch), so only token streams
        // count per token and end with their token. The bootstrap token (id 0) lives in configuration: it is never revoked.
        var principal = context.Request.Query[TicketParameter].ToString().Length == 0 ? context.GetTokenPrincipal() : null;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = limits.TryAcquire(principal?.Id, address, out var refusal);
        if (lease is null)
        {
            await OfrepResponses.WriteDenialAsync(context, new OfrepDenial(StatusCodes.Status429TooManyRequests, null, refusal!), null);
            return;
        }

        var tokenEnded = principal is { Id: > 0 } ? tokens.EndOf(principal.Id) : CancellationToken.None;

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx would otherwise hold events back
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, tokenEnded);
        var cancellationToken = stopping.Token;

        // Subscribe before the first byte goes out: once a client sees the opening, no change can slip past it.
        using var subscription = feed.Subscribe(environment.Name, coalesce: true);
        try
        {
            await WriteAsync(response, Opening, cancellationToken);
            var current = snapshots.Get(environment.Name).Sequence;
            if (MissedChanges(context.Request, current))
            {
                await WriteAsync(response, Event(current), cancellationToken);
            }

            await StreamAsync(response, subscription, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, the server is stopping, or the token was revoked: each ends the stream normally (a
            // provider that reconnects with a revoked token gets 401).
        }
    }

    private async Task StreamAsync(HttpResponse response, ChangeFeedSubscription subscription, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        var reader = subscription.Reader;
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        var ready = reader.WaitToReadAsync(cancellationToken).AsTask();
        while (true)
        {
            var done = await Task.WhenAny(ready, tick);
            if (done == ready)
            {
                if (!await ready)
                {
                    return;
                }

                // Coalesce a burst of changes (and resets) into one event: it only says "refetch".
                long? sequence = null;
                while (reader.TryRead(out var feedEvent))
                {
                    if (feedEvent.Kind != FeedEventKind.Heartbeat)
                    {
                        sequence = feedEvent.Sequence;
                    }
                }

                if (sequence is { } latest)
                {
                    await WriteAsync(response, Event(latest), cancellationToken);
                }

                ready = reader.WaitToReadAsync(cancellationToken).AsTask();
            }
            else
            {
                if (!await tick)
                {
                    return;
                }

                await WriteAsync(response, Heartbeat, cancellationToken);
                tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
            }
        }
    }

    private OfrepDenial? Authorize(HttpContext context, out VexilEnvironment environment)
    {
        var ticket = context.Request.Query[TicketParameter].ToString();
        if (ticket.Length == 0)
        {
            return OfrepAccess.Check(context, environments, out environment);
        }

        environment = environments.Default;
        var resolved = environments.Resolve(context.Request.Query[OfrepAccess.EnvironmentParameter].ToString());
        if (resolved is null)
        {
            return new OfrepDenial(
                StatusCodes.Status400BadRequest,
                OfrepErrorCode.General,
                environments.UnknownEnvironmentMessage(context.Request.Query[OfrepAccess.EnvironmentParameter].ToString()));
        }

        environment = resolved;
        if (!tickets.IsValid(resolved.Name, ticket))
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return new OfrepDenial(
                StatusCodes.Status401Unauthorized,
                null,
                $"The event-stream ticket is not valid for '{resolved.Name}' (expired, or issued by a server with another key): fetch the bulk evaluation again for a fresh URL.");
        }

        return null;
    }

    // A reconnecting EventSource sends the id of the last event it saw; if the environment moved on meanwhile, the
    // client missed a change and must refetch at once.
    private static bool MissedChanges(HttpRequest request, long current) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last != current;

    private static byte[] Event(long sequence) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {sequence}\ndata: {{\"type\":\"refetchEvaluation\"}}\n\n"));

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
