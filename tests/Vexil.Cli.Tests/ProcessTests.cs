using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary>
/// The built <c>vexil</c> run as a real process (<c>dotnet vexil.dll</c>): real argv from the operating system, the
/// real environment, console streams and exit codes.
/// </summary>
public sealed class ProcessTests : IAsyncLifetime
{
    private readonly CliSandbox sandbox = new();
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        server.On("GET", "/api/v1/environments", new FakeResponse(200, """[{"name":"staging","aliases":["gstg"],"protected":false}]"""));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Feature_set_sends_the_typed_words_and_exits_with_the_servers_code()
    {
        sandbox.UseServer(server.BaseAddress);
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "The feature flag value has been updated!"));

        var run = await sandbox.RunProcessAsync(["feature", "set", "duo_chat_multi_thread", "true", "--user=a,b", "x y", "it's"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("The feature flag value has been updated!\n", run.Out);
        var request = server.SingleRequest();
        Assert.Equal("Bearer " + CliSandbox.Token, request.Header("Authorization"));
        Assert.Equal("cli", request.Header("X-Vexil-Client"));
        Assert.StartsWith("vexil/", request.Header("User-Agent"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("feature set duo_chat_multi_thread true --user=a,b \"x y\" \"it's\"", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_refusal_exits_1_and_a_server_usage_error_exits_2()
    {
        sandbox.UseServer(server.BaseAddress);
        server.On("POST", "/api/v1/commands", FakeResponse.Command(false, 1, "One of `--actors` or `--random` must be set for percentage values."));
        var refused = await sandbox.RunProcessAsync(["feature", "set", "x", "50"]);

        server.On("POST", "/api/v1/commands", FakeResponse.Command(false, 2, "You must specify the name of the feature flag and its new value."));
        var usage = await sandbox.RunProcessAsync(["feature", "set"]);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Equal("One of `--actors` or `--random` must be set for percentage values.\n", refused.Error);
        Assert.True(usage.ExitCode == 2, usage.ToString());
    }

    [Fact]
    public async Task Json_prints_the_servers_answer()
    {
        sandbox.UseServer(server.BaseAddress);
        var answer = """{"ok":true,"exitCode":0,"text":"x","markdown":"x","environments":[]}""";
        server.On("POST", "/api/v1/commands", new FakeResponse(200, answer));

        var run = await sandbox.RunProcessAsync(["feature", "get", "x", "--json"]);

        Assert.Equal(answer + "\n", run.Out);
    }

    [Fact]
    public async Task A_server_that_is_not_listening_exits_1_with_advice()
    {
        sandbox.UseServer(new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        var run = await sandbox.RunProcessAsync(["feature", "list"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Could not reach the Vexil server", run.Error, StringComparison.Ordinal);
        Assert.Contains("check VEXIL_URL or run `vexil login --url URL`.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_exits_1_with_advice()
    {
        sandbox.UseServer(server.BaseAddress, "revoked");
        server.On("GET", "/api/v1/tokens", FakeResponse.Problem(401, "Unauthorized", "The token is not valid."));

        var run = await sandbox.RunProcessAsync(["tokens", "list"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("The token from VEXIL_TOKEN was refused: run `vexil login` or set VEXIL_TOKEN.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_usage_exits_2_and_help_exits_0()
    {
        var usage = await sandbox.RunProcessAsync(["tokens", "create", "ci"]);
        var help = await sandbox.RunProcessAsync(["--help"]);

        Assert.True(usage.ExitCode == 2, usage.ToString());
        Assert.Contains("Option '--kind' is required.", usage.Error, StringComparison.Ordinal);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("vexil [command] [options]", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_from_standard_input_then_a_command_uses_the_saved_file()
    {
        server.On("GET", "/api/v1/incidents", new FakeResponse(200, "[]"));

        var login = await sandbox.RunProcessAsync(["login", "--url", server.BaseAddress.ToString()], input: "vxl_from_stdin\n");
        var list = await sandbox.RunProcessAsync(["incident", "list"]);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.True(File.Exists(sandbox.ConfigPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.ConfigPath));
        }

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("No open incidents.\n", list.Out);
        Assert.All(server.Requests, r => Assert.Equal("Bearer vxl_from_stdin", r.Header("Authorization")));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
