using System.Runtime.Versioning;
using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil login</c>/<c>logout</c>: the configuration file, its mode, and VEXIL_URL/VEXIL_TOKEN winning over it.</summary>
public sealed class LoginTests : IAsyncLifetime
{
    private const string Environments = """[{"name":"dev","aliases":[],"protected":false},{"name":"production","aliases":["gprd"],"protected":true}]""";

    private readonly CliSandbox sandbox = new();
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        server.On("GET", "/api/v1/environments", new FakeResponse(200, Environments));
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "ok"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Login_checks_the_token_then_writes_the_file_that_later_commands_read()
    {
        var login = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "vxl_saved"]);

        Assert.Equal(0, login.ExitCode);
        Assert.Equal($"Logged in to {server.BaseAddress}; the token reads dev, production. Saved to {sandbox.ConfigPath}.\n", login.Out);
        Assert.Equal("Bearer vxl_saved", server.SingleRequest().Header("Authorization"));
        using (var saved = JsonDocument.Parse(await File.ReadAllTextAsync(sandbox.ConfigPath, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(server.BaseAddress.ToString(), saved.RootElement.GetProperty("url").GetString());
            Assert.Equal("vxl_saved", saved.RootElement.GetProperty("token").GetString());
        }

        var feature = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(0, feature.ExitCode);
        Assert.Equal("Bearer vxl_saved", server.Requests[^1].Header("Authorization"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_file_is_readable_by_its_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "File modes are a Unix notion.");

        await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "t"]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.ConfigPath));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(sandbox.ConfigPath)!));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Logging_in_again_replaces_a_file_that_had_looser_permissions()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "File modes are a Unix notion.");
        await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "first"]);
        File.SetUnixFileMode(sandbox.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        await sandbox.RunAsync(["login", "--token", "second"]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.ConfigPath));
        Assert.Contains("second", await File.ReadAllTextAsync(sandbox.ConfigPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_XDG_CONFIG_HOME_the_file_is_under_the_home_folder()
    {
        sandbox.Variables.Remove("XDG_CONFIG_HOME");

        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "t"]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(sandbox.Home, ".config", "vexil", "config.json")), run.ToString());
    }

    [Fact]
    public async Task A_relative_XDG_CONFIG_HOME_is_ignored_as_the_specification_says()
    {
        sandbox.Variables["XDG_CONFIG_HOME"] = "relative/config";

        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "t"]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(sandbox.Home, ".config", "vexil", "config.json")), run.ToString());
    }

    [Fact]
    public async Task Environment_variables_win_over_the_saved_login()
    {
        await using var other = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        other.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "from the other server"));
        await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "saved"]);

        sandbox.Variables["VEXIL_URL"] = other.BaseAddress.ToString();
        var urlOnly = await sandbox.RunAsync(["feature", "list"]);
        Assert.Equal("from the other server\n", urlOnly.Out);
        Assert.Equal("Bearer saved", other.SingleRequest().Header("Authorization"));

        sandbox.Variables["VEXIL_TOKEN"] = "from-env";
        await sandbox.RunAsync(["feature", "list"]);
        Assert.Equal("Bearer from-env", other.Requests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task Login_warns_when_an_environment_variable_will_override_it()
    {
        sandbox.Variables["VEXIL_TOKEN"] = "old";

        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "new"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Note: VEXIL_TOKEN is set in this shell and wins over the saved login; unset it to use the saved one.\n", run.Error);
    }

    [Fact]
    public async Task A_refused_token_is_not_saved()
    {
        server.On("GET", "/api/v1/environments", FakeResponse.Problem(401, "Unauthorized", "The token is not valid."));

        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "wrong"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The token from --token was refused", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved (use --no-verify to save anyway).\n", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.ConfigPath));
    }

    [Fact]
    public async Task No_verify_saves_without_asking_the_server()
    {
        var run = await sandbox.RunAsync(["login", "--url", "http://127.0.0.1:1", "--token", "t", "--no-verify"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Saved http://127.0.0.1:1/ and the token to {sandbox.ConfigPath} (not checked).\n", run.Out);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_token_can_come_from_standard_input()
    {
        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString()], input: "vxl_piped\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Bearer vxl_piped", server.SingleRequest().Header("Authorization"));
    }

    [Fact]
    public async Task No_token_at_all_is_a_usage_error()
    {
        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString()], input: "");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("No token given: pass --token TOKEN or write it to standard input.\n", run.Error);
    }

    [Fact]
    public async Task Json_output_names_the_file_and_environments()
    {
        var run = await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "t", "--json"]);

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(sandbox.ConfigPath, json.RootElement.GetProperty("configFile").GetString());
        Assert.Equal(["dev", "production"], json.RootElement.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Logout_deletes_the_file_and_later_commands_have_no_server()
    {
        await sandbox.RunAsync(["login", "--url", server.BaseAddress.ToString(), "--token", "t"]);

        var logout = await sandbox.RunAsync(["logout"]);
        var again = await sandbox.RunAsync(["logout"]);
        var feature = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(0, logout.ExitCode);
        Assert.Equal($"Logged out: deleted {sandbox.ConfigPath}.\n", logout.Out);
        Assert.Equal($"Not logged in: {sandbox.ConfigPath} does not exist.\n", again.Out);
        Assert.False(File.Exists(sandbox.ConfigPath));
        Assert.Equal(1, feature.ExitCode);
        Assert.StartsWith("No Vexil server is set", feature.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_says_how_to_fix_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ConfigPath)!);
        await File.WriteAllTextAsync(sandbox.ConfigPath, "{ not json", TestContext.Current.CancellationToken);

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{sandbox.ConfigPath} is not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("fix it or run `vexil login` again.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_does_not_matter_when_both_variables_are_set()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ConfigPath)!);
        await File.WriteAllTextAsync(sandbox.ConfigPath, "{ not json", TestContext.Current.CancellationToken);
        sandbox.UseServer(server.BaseAddress);

        var run = await sandbox.RunAsync(["feature", "list"]);

        Assert.Equal(0, run.ExitCode);
    }
}
