using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil deployment record|list</c> against a fake <c>/api/v1/deployments</c>.</summary>
public sealed class DeploymentCommandTests : IAsyncLifetime
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private const string Deployment =
        """{"id":7,"environment":"staging","sha":"0123456789abcdef0123456789abcdef01234567","ref":"17-9-auto-deploy-2026120410","status":"success","finished_at":"2026-12-04T10:15:00Z","url":null,"recorded_by":"ci-deployer"}""";

    private readonly CliSandbox sandbox = new();
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        sandbox.UseServer(server.BaseAddress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Record_sends_exactly_the_api_fields_and_says_what_was_recorded()
    {
        server.On("POST", "/api/v1/deployments", new FakeResponse(201, Deployment));

        var run = await sandbox.RunAsync([
            "deployment", "record", "--environment", "gstg", "--sha", Sha, "--ref", "17-9-auto-deploy-2026120410",
            "--status", "success", "--finished-at", "2026-12-04T10:15:00Z", "--url", "https://ci.example.com/jobs/1",
        ]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Recorded deployment 7: 17-9-auto-deploy-2026120410 (0123456789a) to staging, success, ", run.Out, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal(
            ["environment", "sha", "ref", "status", "finished_at", "url"],
            body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("gstg", body.RootElement.GetProperty("environment").GetString());
        Assert.Equal("2026-12-04T10:15:00Z", body.RootElement.GetProperty("finished_at").GetString());
    }

    [Fact]
    public async Task Record_leaves_out_the_optional_fields_not_given()
    {
        server.On("POST", "/api/v1/deployments", new FakeResponse(201, Deployment));

        var run = await sandbox.RunAsync(["deployment", "record", "-e", "gstg", "--sha", Sha, "--ref", "main"]);

        Assert.Equal(0, run.ExitCode);
        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal(["environment", "sha", "ref"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Record_refuses_an_unknown_status_before_calling_the_server()
    {
        var run = await sandbox.RunAsync(["deployment", "record", "-e", "gstg", "--sha", Sha, "--ref", "main", "--status", "done"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("done", run.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Record_shows_the_servers_refusal()
    {
        server.On("POST", "/api/v1/deployments", new FakeResponse(400, """{"title":"Invalid deployment","status":400,"detail":"sha '0123' is not a full commit sha: send all 40 hexadecimal digits (CI_COMMIT_SHA in GitLab CI)."}"""));

        var run = await sandbox.RunAsync(["deployment", "record", "-e", "gstg", "--sha", "0123", "--ref", "main"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("sha '0123' is not a full commit sha", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_passes_the_filters_and_prints_a_table()
    {
        server.On("GET", "/api/v1/deployments", new FakeResponse(200, "{\"deployments\":[" + Deployment + "],\"next_before\":null}"));

        var run = await sandbox.RunAsync(["deployment", "list", "--environment", "gstg", "--sha", Sha, "--limit", "5", "--before", "9"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"environment=gstg&sha={Sha}&per_page=5&before=9", server.SingleRequest().Query.TrimStart('?'));
        Assert.Contains(run.Out.Split('\n'), l => l.Contains("17-9-auto-deploy-2026120410", StringComparison.Ordinal) && l.Contains("0123456789a", StringComparison.Ordinal) && l.Contains("ci-deployer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_says_when_nothing_is_recorded()
    {
        server.On("GET", "/api/v1/deployments", new FakeResponse(200, """{"deployments":[],"next_before":null}"""));

        var run = await sandbox.RunAsync(["deployment", "list"]);

        Assert.Equal("No deployments recorded.\n", run.Out);
    }
}
