using System.Collections.Concurrent;
using System.Net;

namespace Vexil.Server.Tests.Notifications;

/// <summary>Plays every notification receiver in-process: records each request and answers as the test says (200 "ok" by default).</summary>
internal sealed class StubReceiver : HttpMessageHandler
{
    private readonly ConcurrentQueue<(HttpRequestMessage Request, string Body)> requests = new();

    /// <summary>How to answer a request (its URL's path and its body).</summary>
    public Func<string, string, CancellationToken, Task<HttpResponseMessage>> Answer { get; set; } =
        (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<(HttpRequestMessage Request, string Body)> Requests => [.. requests];

    /// <summary>The requests to one path.</summary>
    public IReadOnlyList<(HttpRequestMessage Request, string Body)> To(string path) =>
        [.. requests.Where(request => request.Request.RequestUri!.AbsolutePath == path)];

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        requests.Enqueue((request, body));
        return await Answer(request.RequestUri!.AbsolutePath, body, cancellationToken);
    }
}
