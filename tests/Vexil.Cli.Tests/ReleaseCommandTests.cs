using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil auto_deploy status</c> and <c>vexil release check</c> send the command text to the server and print its answer.</summary>
public sealed class ReleaseCommandTests : IAsyncLifetime
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
    public async Task Auto_deploy_status_sends_the_command_and_prints_the_answer()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, ":warning: Unable to find a deployed branch for this commit."));

        var run = await sandbox.RunAsync(["auto_deploy", "status", "1a2b3c4d"]);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal(":warning: Unable to find a deployed branch for this commit.\n", run.Out);
        Assert.Equal("auto_deploy status 1a2b3c4d", Text(server.SingleRequest()));
    }

    [Fact]
    public async Task Release_check_sends_the_url_and_version_and_a_refusal_exits_with_one()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(false, 1, "gitlab-org/gitlab!5 has not been merged as yet!"));

        var run = await sandbox.RunAsync(["release", "check", "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/5", "17.9"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("gitlab-org/gitlab!5 has not been merged as yet!", run.Error, StringComparison.Ordinal);
        Assert.Equal("release check https://gitlab.com/gitlab-org/gitlab/-/merge_requests/5 17.9", Text(server.SingleRequest()));
    }

    private static string Text(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!;
}
