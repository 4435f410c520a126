using System.Net;
using System.Net.Sockets;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary>What a person reads when something is wrong, and the exit code a script sees.</summary>
public sealed class ErrorMessageTests : IAsyncLifetime
{
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
    public async Task A_refused_token_says_to_log_in_or_set_VEXIL_TOKEN()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Problem(401, "Unauthorized", "The token is not valid (unknown, revoked or expired); create a new one."));

        var run = await sandbox.RunAsync(["feature", "get", "x"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The token from VEXIL_TOKEN was refused: run `vexil login` or set VEXIL_TOKEN.", run.Error, StringComparison.Ordinal);
        Assert.Contains("The token is not valid", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task A_refused_token_from_the_login_file_names_the_file()
    {
        sandbox.Variables.Remove("VEXIL_TOKEN");
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ConfigPath)!);
        await File.WriteAllTextAsync(sandbox.ConfigPath, """{"url":"http://127.0.0.1:1/","token":"old"}""", TestContext.Current.CancellationToken);
        server.On("GET", "/api/v1/tokens", FakeResponse.Problem(401, "Unauthorized", "Revoked."));

        var run = await sandbox.RunAsync(["tokens", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"The token from {sandbox.ConfigPath} was refused: run `vexil login` or set VEXIL_TOKEN.", run.Error, StringComparison.Ordinal);
        Assert.Equal("Bearer old", server.SingleRequest().Header("Authorization"));
    }

    [Fact]
    public async Task A_forbidden_answer_shows_the_servers_reason()
    {
        server.On("GET", "/api/v1/tokens", FakeResponse.Problem(403, "Forbidden", "Only admin tokens may manage tokens."));

        var run = await sandbox.RunAsync(["tokens", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The token from VEXIL_TOKEN may not do this: Only admin tokens may manage tokens.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_endpoint_says_the_server_may_be_too_old()
    {
        // The fake answers 404 with a problem to anything unset; a bare 404 is what an older server or a proxy sends.
        server.On("POST", "/api/v1/commands", new FakeResponse(404, null));

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(404): check that VEXIL_URL points at a Vexil server recent enough for this command.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_detail_is_shown_as_it_is()
    {
        server.On("DELETE", "/api/v1/tokens/42", FakeResponse.Problem(404, "Not Found", "No token has id 42; list the tokens with GET /api/v1/tokens."));

        var run = await sandbox.RunAsync(["tokens", "revoke", "42"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("No token has id 42; list the tokens with GET /api/v1/tokens.\n", run.Error);
    }

    [Fact]
    public async Task A_validation_problem_is_a_usage_error_and_its_json_is_printed_under_json()
    {
        server.On("POST", "/api/v1/tokens", new FakeResponse(
            400,
            """{"title":"The token was not made: the request is not valid.","status":400,"errors":{"environments":["Unknown environment 'stagin'."]}}""",
            "application/problem+json"));

        var run = await sandbox.RunAsync(["tokens", "create", "ci", "--kind", "write", "--env", "stagin", "--json"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Unknown environment 'stagin'.\n", run.Error);
        Assert.Contains("\"errors\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_says_how_long_to_wait()
    {
        server.On("GET", "/api/v1/incidents", FakeResponse.Problem(429, "Too Many Requests", "Slow down.") with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "7" },
        });

        var run = await sandbox.RunAsync(["incident", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The server is limiting this token's requests: wait 7 s and try again.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_failure_without_json_is_reported_with_its_status()
    {
        server.On("GET", "/api/v1/audit", new FakeResponse(502, "<html>Bad gateway</html>", "text/html"));

        var run = await sandbox.RunAsync(["audit"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The server failed (502 Bad Gateway); try again", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_vexils_json_says_to_check_VEXIL_URL()
    {
        server.On("GET", "/api/v1/audit", new FakeResponse(200, "<html>Welcome to nginx</html>", "text/html"));

        var run = await sandbox.RunAsync(["audit"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not what a Vexil server sends", run.Error, StringComparison.Ordinal);
        Assert.Contains("check that VEXIL_URL points at Vexil", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_listening_says_to_check_VEXIL_URL_or_log_in()
    {
        sandbox.UseServer(new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        var run = await sandbox.RunAsync(["feature", "set", "x", "true"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Could not reach the Vexil server at {sandbox.Variables["VEXIL_URL"]}", run.Error, StringComparison.Ordinal);
        Assert.Contains("check VEXIL_URL or run `vexil login --url URL`.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_server_configured_says_how_to_set_one()
    {
        sandbox.Variables.Remove("VEXIL_URL");

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("No Vexil server is set: run `vexil login --url URL --token TOKEN` or set VEXIL_URL.\n", run.Error);
    }

    [Fact]
    public async Task No_token_configured_says_how_to_set_one()
    {
        sandbox.Variables.Remove("VEXIL_TOKEN");

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"No token is set for {server.BaseAddress}: run `vexil login --url URL --token TOKEN` or set VEXIL_TOKEN.\n", run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_VEXIL_URL_that_is_not_http_is_refused_before_connecting()
    {
        sandbox.Variables["VEXIL_URL"] = "vexil.example.com";

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The server address 'vexil.example.com' from VEXIL_URL is not an http(s) address", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_prefix_in_VEXIL_URL_is_kept()
    {
        sandbox.Variables["VEXIL_URL"] = server.BaseAddress + "tools/vexil";
        server.On("POST", "/tools/vexil/api/v1/commands", FakeResponse.Command(true, 0, "ok"));

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/tools/vexil/api/v1/commands", server.SingleRequest().Path);
    }

    private static int ClosedPort()
    {
        // A port that was free a moment ago; nothing listens on it when the CLI connects.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
