using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vexil.Client.Tests.Fakes;

/// <summary>
/// A small Kestrel app serving the documented wire format (snapshot with ETag, SSE change/reset events with
/// Last-Event-ID resume, heartbeats, the metrics endpoint), with switches to inject faults: a silent stream, no stream,
/// failing snapshots, dropped connections, resets and gaps.
/// </summary>
internal sealed class FakeVexilServer : IAsyncDisposable
{
    public const string Token = "vxl_fake_read_token";

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly Dictionary<string, string> flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> defaults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> groups = new(StringComparer.Ordinal);
    private readonly List<(long Sequence, string Payload)> history = [];
    private readonly List<Channel<string>> subscribers = [];
    private long sequence;

    private FakeVexilServer(WebApplication app)
    {
        this.app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string Environment { get; set; } = "staging";

    /// <summary>When false, the stream endpoint answers 404 (an older server).</summary>
    public bool StreamAvailable { get; set; } = true;

    /// <summary>When true, the stream sends nothing at all after connecting: no heartbeat, no event.</summary>
    public bool Silent { get; set; }

    /// <summary>When set, the snapshot endpoint answers this status.</summary>
    public int? SnapshotStatus { get; set; }

    /// <summary>When set, the metrics endpoint answers this status.</summary>
    public int MetricsStatus { get; set; } = 202;

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public int SnapshotRequests;
    public int NotModifiedAnswers;
    public int StreamConnections;

    public ConcurrentQueue<string?> LastEventIds { get; } = new();

    public ConcurrentQueue<string> MetricsBodies { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public long Sequence
    {
        get
        {
            lock (gate)
            {
                return sequence;
            }
        }
    }

    public static async Task<FakeVexilServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeVexilServer(app);
        app.MapGet("/api/v1/environments/{env}/snapshot", server.SnapshotAsync);
        app.MapGet("/api/v1/environments/{env}/stream", server.StreamAsync);
        app.MapPost("/api/v1/metrics", server.MetricsAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public VexilClientOptions Options(string? snapshotPath = null) => new()
    {
        ServerUrl = BaseAddress,
        Token = Token,
        Environment = Environment,
        SnapshotPath = snapshotPath,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        HeartbeatTimeout = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromMilliseconds(100),
        MetricsFlushInterval = TimeSpan.FromHours(1),
    };

    /// <summary>Sets a flag's state at the next sequence number and tells every subscriber.</summary>
    public long SetFlag(string name, string? stateJson)
    {
        lock (gate)
        {
            sequence++;
            if (stateJson is null)
            {
                flags.Remove(name);
            }
            else
            {
                flags[name] = stateJson;
            }

            var payload = $"id: {sequence}\nevent: change\ndata: {{\"sequence\":{sequence},\"flag\":\"{name}\",\"state\":{stateJson ?? "null"}}}\n\n";
            history.Add((sequence, payload));
            Broadcast(payload);
            return sequence;
        }
    }

    /// <summary>Changes a flag without telling anyone (as if the event were lost): the next event leaves a gap.</summary>
    public void SetFlagSilently(string name, string stateJson)
    {
        lock (gate)
        {
            sequence++;
            flags[name] = stateJson;
        }
    }

    public void SetDefault(string name, bool enabled)
    {
        lock (gate)
        {
            defaults[name] = enabled;
        }
    }

    public void SetGroup(string name, params string[] members)
    {
        lock (gate)
        {
            groups[name] = members;
        }
    }

    /// <summary>Sends a reset to every subscriber.</summary>
    public void Reset(string reason)
    {
        lock (gate)
        {
            Broadcast($"event: reset\ndata: {{\"sequence\":{sequence},\"reason\":\"{reason}\"}}\n\n");
        }
    }

    /// <summary>Streams open now (subscribed, so <see cref="DropStreams"/> would end them).</summary>
    public int OpenStreams
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    /// <summary>Ends every open stream, as a restarting server would.</summary>
    public void DropStreams()
    {
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            subscribers.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropStreams();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Broadcast(string payload)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Writer.TryWrite(payload);
        }
    }

    private string SnapshotJson()
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"{{\"environment\":\"{Environment}\",\"sequence\":{sequence},\"flags\":{{");
        body.AppendJoin(',', flags.Select(pair => $"\"{pair.Key}\":{pair.Value}"));
        body.Append("},\"defaults\":{");
        body.AppendJoin(',', defaults.Select(pair => $"\"{pair.Key}\":{(pair.Value ? "true" : "false")}"));
        body.Append("},\"groups\":{");
        body.AppendJoin(',', groups.Select(pair => $"\"{pair.Key}\":[{string.Join(',', pair.Value.Select(member => $"\"{member}\""))}]"));
        body.Append("}}");
        return body.ToString();
    }

    private async Task SnapshotAsync(HttpContext context)
    {
        Interlocked.Increment(ref SnapshotRequests);
        Authorizations.Enqueue(context.Request.Headers.Authorization);
        if (SnapshotStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        string body;
        lock (gate)
        {
            body = SnapshotJson();
        }

        var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16] + "\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            Interlocked.Increment(ref NotModifiedAnswers);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.Headers.ETag = etag;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!StreamAvailable)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Interlocked.Increment(ref StreamConnections);
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        LastEventIds.Enqueue(lastEventId);
        var channel = Channel.CreateUnbounded<string>();
        string greeting;
        lock (gate)
        {
            greeting = $": connected {sequence}\n\n";
            if (long.TryParse(lastEventId, CultureInfo.InvariantCulture, out var after))
            {
                foreach (var (eventSequence, payload) in history.Where(entry => entry.Sequence > after))
                {
                    channel.Writer.TryWrite(payload);
                }
            }

            subscribers.Add(channel);
        }

        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(Silent ? string.Empty : greeting, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                tick.CancelAfter(HeartbeatInterval);
                string payload;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(tick.Token))
                    {
                        return; // dropped
                    }

                    payload = await channel.Reader.ReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                {
                    payload = ": heartbeat\n\n";
                }

                if (Silent)
                {
                    continue;
                }

                await context.Response.WriteAsync(payload, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(channel);
            }
        }
    }

    private async Task MetricsAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        MetricsBodies.Enqueue(await reader.ReadToEndAsync());
        context.Response.StatusCode = MetricsStatus;
    }
}
