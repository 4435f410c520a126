using System.Globalization;
using System.Net;
using System.Text;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// Plays Prometheus's <c>/api/v1/query</c> for unit tests: each query answers the value the test set for it, or an
/// error, no series, or a refused connection. The end-to-end test uses a real Prometheus instead.
/// </summary>
internal sealed class StubPrometheus : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpResponseMessage>> answers = new(StringComparer.Ordinal);

    public int Queries { get; private set; }

    public void Value(string query, double value) =>
        answers[query] = () => Json(
            $$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000.0,"{{{value.ToString("R", CultureInfo.InvariantCulture)}}}"]}]}}""");

    public void NoSeries(string query) =>
        answers[query] = () => Json("""{"status":"success","data":{"resultType":"vector","result":[]}}""");

    public void Down(string query) =>
        answers[query] = () => throw new HttpRequestException("Connection refused (127.0.0.1:9090)");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Queries++;
        var query = Uri.UnescapeDataString(request.RequestUri!.Query.TrimStart('?').Split('=', 2)[1]);
        return Task.FromResult(answers.TryGetValue(query, out var answer)
            ? answer()
            : new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent($$"""{"status":"error","errorType":"bad_data","error":"unknown query {{query}} in the stub"}""", Encoding.UTF8, "application/json"),
            });
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
