using System.Net;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// Random requests to the write endpoints: none may answer 5xx, and a request that does not succeed must write
/// nothing (the audit log, which records every change, keeps its count).
/// </summary>
public sealed class GitLabFuzzTests(GitLabApiFactory factory) : IClassFixture<GitLabApiFactory>
{
    private const int RequestsPerSeed = 250;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20261122)]
    public async Task Random_requests_never_fail_the_server_and_failures_write_nothing(int seed)
    {
        var cancel = TestContext.Current.CancellationToken;
        var requests = new GitLabFuzzRequests(seed);
        using var client = factory.CreateClient();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < RequestsPerSeed; i++)
        {
            using var request = requests.Next();
            var description = $"seed {seed}, request {i}: {request.Method} {request.RequestUri}";
            var before = await factory.AuditCountAsync();

            using var response = await client.SendAsync(request, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            var after = await factory.AuditCountAsync();
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            Assert.True((int)response.StatusCode < 500, $"{description} answered {(int)response.StatusCode}: {body}");
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    Assert.True(after == before + 1, $"{description} succeeded but wrote {after - before} audit events.");
                    break;
                case HttpStatusCode.NoContent:
                    Assert.True(after - before is 0 or 1, $"{description} deleted with {after - before} audit events.");
                    break;
                default:
                    Assert.True(after == before, $"{description} answered {(int)response.StatusCode} ({body}) but wrote {after - before} audit events.");
                    Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                    break;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"seed {seed}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key} x{s.Value}")));

        // The generator must reach both outcomes, or the test proves little.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Created) > 0, "No random request succeeded.");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, "No random request was refused.");
    }
}
