using System.Net;
using System.Text;

namespace Vexil.Server.Tests.Commands;

/// <summary>Answers the external production check's requests in-process, and records what it was sent.</summary>
internal sealed class StubCheckHandler(Func<CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public List<string> Requests { get; } = [];

    /// <summary>Answers every request with <paramref name="json"/>.</summary>
    public static StubCheckHandler Answering(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(_ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") }));

    /// <summary>Never answers: waits until the request is cancelled (the check's timeout).</summary>
    public static StubCheckHandler Silent() =>
        new(async cancellationToken =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });

    /// <summary>Fails as an unreachable host does.</summary>
    public static StubCheckHandler Unreachable() =>
        new(_ => throw new HttpRequestException("Connection refused (checks.example.test:443)"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri} {body}");
        }

        return await respond(cancellationToken);
    }
}
