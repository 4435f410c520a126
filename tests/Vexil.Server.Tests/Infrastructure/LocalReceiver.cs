using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vexil.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port) that plays Slack's <c>response_url</c>, incoming webhooks,
/// a pipeline trigger or a production check: it records every request by path and answers 200 "ok" unless told
/// otherwise. Tests wait for requests with <see cref="NextAsync"/>; the wait's limit only keeps a broken test from
/// hanging, it is not a timing assertion.
/// </summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Channel<ReceivedRequest>> arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<ReceivedRequest, Task<ReceiverAnswer>>> responders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> all = new();

    private LocalReceiver(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> All => [.. all];

    /// <summary>Starts a receiver.</summary>
    public static async Task<LocalReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new LocalReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>The absolute URL of a path, e.g. <c>Url("/hooks/qa")</c>.</summary>
    public string Url(string path) => new Uri(BaseAddress, path.TrimStart('/')).ToString();

    /// <summary>Sets how a path answers (the default is 200 "ok").</summary>
    public void Respond(string path, Func<ReceivedRequest, Task<ReceiverAnswer>> responder) => responders[path] = responder;

    /// <summary>Sets a fixed answer for a path.</summary>
    public void Respond(string path, ReceiverAnswer answer) => Respond(path, _ => Task.FromResult(answer));

    /// <summary>The next request to <paramref name="path"/> not yet taken by an earlier call, waiting for it if needed.</summary>
    public async Task<ReceivedRequest> NextAsync(string path, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(WaitLimit);
        try
        {
            return await Arrivals(path).Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived at {path} within {WaitLimit.TotalSeconds} s. Received so far: {string.Join(", ", all.Select(r => r.Path))}");
        }
    }

    /// <summary>The requests to <paramref name="path"/> that arrived and were not yet taken by <see cref="NextAsync"/>.</summary>
    public IReadOnlyList<ReceivedRequest> Untaken(string path)
    {
        var taken = new List<ReceivedRequest>();
        while (Arrivals(path).Reader.TryRead(out var request))
        {
            taken.Add(request);
        }

        return taken;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private Channel<ReceivedRequest> Arrivals(string path) => arrivals.GetOrAdd(path, _ => Channel.CreateUnbounded<ReceivedRequest>());

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value ?? "/";
        var request = new ReceivedRequest(path, headers, body);
        all.Enqueue(request);
        await Arrivals(path).Writer.WriteAsync(request, context.RequestAborted);
        var answer = responders.TryGetValue(path, out var responder) ? await responder(request) : new ReceiverAnswer();
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }
}
