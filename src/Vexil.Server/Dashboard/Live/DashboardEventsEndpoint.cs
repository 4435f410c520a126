using System.Text.Json;
using Vexil.Server.Dashboard.Views;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Dashboard.Live;

/// <summary>
/// <c>GET /dashboard/events</c>: Server-Sent Events for the dashboard's pages, authenticated by the session cookie
/// (a browser's EventSource cannot send the bearer token the API stream needs). Each change in an environment the
/// session may read becomes <c>event: change</c> with the cell's new summary, so the overview updates in place; a
/// reset of an environment becomes <c>event: reset</c> and the page reloads.
/// </summary>
public static class DashboardEventsEndpoint
{
    /// <summary>The path.</summary>
    public const string Path = "/dashboard/events";

    /// <summary>A comment line every so often, so proxies keep the connection and the page notices a dead one.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Streams until the page goes away or the server stops.</summary>
    public static async Task StreamAsync(
        HttpContext http,
        DashboardChangeFeed feed,
        DefinitionRegistry definitions,
        EnvironmentCatalog environments,
        IHostApplicationLifetime lifetime)
    {
        if (http.GetDashboardUser() is not { } user)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        await http.Response.WriteAsync(": connected\n\n", stop.Token);
        await http.Response.Body.FlushAsync(stop.Token);

        using var subscription = feed.Follow();
        try
        {
            while (true)
            {
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                {
                    beat.CancelAfter(Heartbeat);
                    try
                    {
                        if (!await subscription.Events.WaitToReadAsync(beat.Token))
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        await http.Response.WriteAsync(": heartbeat\n\n", stop.Token);
                        await http.Response.Body.FlushAsync(stop.Token);
                        continue;
                    }
                }

                while (subscription.Events.TryRead(out var feedEvent))
                {
                    if (environments.Resolve(feedEvent.Environment) is { } environment && user.CanRead(environment))
                    {
                        await http.Response.WriteAsync(Format(feedEvent, definitions), stop.Token);
                    }
                }

                await http.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page closed or the server is stopping: the browser reconnects on its own.
        }
    }

    /// <summary>The event text for one feed event (a change or a reset).</summary>
    internal static string Format(FeedEvent feedEvent, DefinitionRegistry definitions)
    {
        if (feedEvent.Kind != FeedEventKind.Change || feedEvent.Flag is not { } flag)
        {
            var reset = JsonSerializer.Serialize(new { environment = feedEvent.Environment, sequence = feedEvent.Sequence });
            return $"event: reset\ndata: {reset}\n\n";
        }

        // The event carries the flag's new state, so the cell is drawn from it and not from a snapshot that may
        // already be further ahead.
        bool? defaultEnabled = definitions.Current.TryGet(flag, out var definition) ? definition.DefaultEnabled : null;
        var cell = CellSummary.Of(feedEvent.State, defaultEnabled);
        var data = JsonSerializer.Serialize(new { environment = feedEvent.Environment, sequence = feedEvent.Sequence, flag, text = cell.Text, state = cell.State });
        return $"id: {feedEvent.Sequence}\nevent: change\ndata: {data}\n\n";
    }
}
