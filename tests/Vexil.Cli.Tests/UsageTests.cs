using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary>Bad command lines exit 2 with a hint and never reach the network; help exits 0.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly CliSandbox sandbox = new CliSandbox().UseServer(new Uri("http://127.0.0.1:1/"));

    [Theory]
    [InlineData(new string[0], "vexil --help")]
    [InlineData(new[] { "feature" }, "vexil feature --help")]
    [InlineData(new[] { "flagz" }, "vexil --help")]
    [InlineData(new[] { "tokens", "create", "ci" }, "vexil tokens create --help")]
    [InlineData(new[] { "tokens", "create", "ci", "--kind", "owner" }, "vexil tokens create --help")]
    [InlineData(new[] { "tokens", "create", "--kind", "read" }, "vexil tokens create --help")]
    [InlineData(new[] { "tokens", "revoke", "seven" }, "vexil tokens revoke --help")]
    [InlineData(new[] { "tokens", "list", "--bogus" }, "vexil tokens list --help")]
    [InlineData(new[] { "incident", "open", "Database down" }, "vexil incident open --help")]
    [InlineData(new[] { "incident", "open", "Database down", "--severity", "5" }, "vexil incident open --help")]
    [InlineData(new[] { "incident", "close" }, "vexil incident close --help")]
    [InlineData(new[] { "lock", "add", "--reason", "freeze" }, "vexil lock add --help")]
    [InlineData(new[] { "audit", "--flag", "Not-A-Flag" }, "vexil audit --help")]
    [InlineData(new[] { "audit", "--page", "0" }, "vexil audit --help")]
    [InlineData(new[] { "audit", "--page-size", "501" }, "vexil audit --help")]
    [InlineData(new[] { "login", "--url" }, "vexil login --help")]
    [InlineData(new[] { "tokens", "create", "ci", "--kind", "read", "--expires-at", "soon" }, "vexil tokens create --help")]
    [InlineData(new[] { "tokens", "revoke", "-3" }, "vexil tokens revoke --help")]
    [InlineData(new[] { "lock", "add", "--reason", "freeze", "--until", "later" }, "vexil lock add --help")]
    [InlineData(new[] { "lock", "remove", "x" }, "vexil lock remove --help")]
    [InlineData(new[] { "incident", "open", "Database down", "--severity", "high" }, "vexil incident open --help")]
    [InlineData(new[] { "audit", "--page", "two" }, "vexil audit --help")]
    public async Task Bad_usage_exits_2_with_a_pointer_to_help(string[] args, string hint)
    {
        var run = await sandbox.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.EndsWith($"Run `{hint}` to see how to use it.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_an_address_that_is_not_http_is_a_usage_error()
    {
        var run = await sandbox.RunAsync(["login", "--url", "ftp://vexil", "--token", "t"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("'ftp://vexil' is not an http(s) address", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.ConfigPath));
    }

    [Fact]
    public async Task A_lock_that_ends_before_it_starts_is_a_usage_error()
    {
        var run = await sandbox.RunAsync(["lock", "add", "--reason", "freeze", "--from", "2030-01-02", "--until", "2030-01-01"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--until must be later than --from (or than now, without --from).\n", run.Error);
    }

    [Theory]
    [InlineData("feature")]
    [InlineData("tokens")]
    [InlineData("incident")]
    [InlineData("lock")]
    [InlineData("audit")]
    [InlineData("login")]
    [InlineData("logout")]
    public async Task Every_command_has_help_and_the_json_option(string command)
    {
        var run = await sandbox.RunAsync([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"vexil {command}", run.Out, StringComparison.Ordinal);
        Assert.Contains("--json", run.Out, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => sandbox.Dispose();
}
