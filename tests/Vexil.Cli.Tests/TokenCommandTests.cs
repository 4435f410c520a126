using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil tokens create|list|revoke</c> against a fake <c>/api/v1/tokens</c>.</summary>
public sealed class TokenCommandTests : IAsyncLifetime
{
    private const string Created = """
        {"token":"vxl_secret_once","id":7,"name":"ci-deploy","kind":"write","environments":["staging","production"],"createdBy":"bootstrap",
         "createdAt":"2026-11-20T10:00:00+00:00","lastUsedAt":null,"expiresAt":"2026-12-31T00:00:00+00:00","revokedAt":null,"active":true}
        """;

    private const string List = """
        [{"id":1,"name":"[ops] admin","kind":"admin","environments":[],"createdBy":"bootstrap","createdAt":"2026-11-01T08:30:00Z","lastUsedAt":"2026-11-21T09:00:00Z","expiresAt":null,"revokedAt":null,"active":true},
         {"id":2,"name":"old-ci","kind":"write","environments":["staging"],"createdBy":"[ops] admin","createdAt":"2026-11-02T08:30:00Z","lastUsedAt":null,"expiresAt":null,"revokedAt":"2026-11-03T00:00:00Z","active":false},
         {"id":3,"name":"reader","kind":"read","environments":["dev","pre"],"createdBy":"[ops] admin","createdAt":"2026-11-02T08:30:00Z","lastUsedAt":null,"expiresAt":"2026-11-10T00:00:00Z","revokedAt":null,"active":false}]
        """;

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
    public async Task Create_sends_the_request_and_shows_the_secret_once()
    {
        server.On("POST", "/api/v1/tokens", new FakeResponse(201, Created));

        var run = await sandbox.RunAsync(
            ["tokens", "create", "ci-deploy", "--kind", "write", "--env", "staging", "--environment", "gprd,pre", "--expires-at", "2026-12-31T00:00:00Z"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Made token 7 'ci-deploy' (write; environments: staging, production; expires 2026-12-31 00:00 UTC).\n"
            + "Its secret is shown only now; store it safely:\nvxl_secret_once\n",
            run.Out);
        var request = server.SingleRequest();
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("ci-deploy", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("write", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(["staging", "gprd", "pre"], body.RootElement.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), body.RootElement.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Create_without_environments_or_expiry_sends_an_empty_list_and_null()
    {
        server.On("POST", "/api/v1/tokens", new FakeResponse(201, Created));

        await sandbox.RunAsync(["tokens", "create", "ops", "--kind", "admin"]);

        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal(0, body.RootElement.GetProperty("environments").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task Create_accepts_the_metrics_kind_for_prometheus()
    {
        server.On("POST", "/api/v1/tokens", new FakeResponse(201, Created));

        var run = await sandbox.RunAsync(["tokens", "create", "prometheus", "--kind", "metrics"]);

        Assert.Equal(0, run.ExitCode);
        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal("metrics", body.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Create_with_json_prints_the_servers_answer()
    {
        server.On("POST", "/api/v1/tokens", new FakeResponse(201, Created));

        var run = await sandbox.RunAsync(["tokens", "create", "ci-deploy", "--kind", "write", "--json"]);

        Assert.Equal(Created + "\n", run.Out);
    }

    [Fact]
    public async Task List_shows_a_table_with_each_tokens_status()
    {
        server.On("GET", "/api/v1/tokens", new FakeResponse(200, List));

        var run = await sandbox.RunAsync(["tokens", "list"]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("[ops] admin", StringComparison.Ordinal) && l.Contains("all", StringComparison.Ordinal) && l.Contains("active", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("old-ci", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("reader", StringComparison.Ordinal) && l.Contains("dev, pre", StringComparison.Ordinal) && l.Contains("expired", StringComparison.Ordinal));
        Assert.Contains("2026-11-21 09:00 UTC", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_list_says_how_to_make_a_token()
    {
        server.On("GET", "/api/v1/tokens", new FakeResponse(200, "[]"));

        var run = await sandbox.RunAsync(["tokens", "list"]);

        Assert.Equal("No tokens yet; make one with `vexil tokens create`.\n", run.Out);
    }

    [Fact]
    public async Task Revoke_sends_delete_for_the_id()
    {
        server.On("DELETE", "/api/v1/tokens/2", new FakeResponse(204, null));

        var run = await sandbox.RunAsync(["tokens", "revoke", "2"]);
        var json = await sandbox.RunAsync(["tokens", "revoke", "2", "--json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Revoked token 2.\n", run.Out);
        Assert.Equal("{\"id\":2,\"revoked\":true}\n", json.Out);
        Assert.All(server.Requests, r => Assert.Equal("DELETE", r.Method));
    }
}
