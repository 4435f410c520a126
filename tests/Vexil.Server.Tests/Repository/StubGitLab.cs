using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Vexil.Server.Tests.Repository;

/// <summary>Answers GitLab's Merge Requests API from a table of paths, and remembers every request (path and PRIVATE-TOKEN).</summary>
internal sealed class StubGitLab : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body)> answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Url, string? Token)> Requests { get; } = new();

    public StubGitLab Answer(string pathAndQuery, HttpStatusCode status, string body)
    {
        answers[pathAndQuery] = (status, body);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = request.Headers.TryGetValues("PRIVATE-TOKEN", out var values) ? values.Single() : null;
        Requests.Enqueue((request.RequestUri!.ToString(), token));
        var (status, body) = answers.TryGetValue(request.RequestUri.PathAndQuery, out var answer)
            ? answer
            : (HttpStatusCode.NotFound, "{\"message\":\"404 Not found\"}");
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
