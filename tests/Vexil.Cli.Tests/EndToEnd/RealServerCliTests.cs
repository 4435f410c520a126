using Vexil.Cli.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Cli.Tests.EndToEnd;

/// <summary>
/// What the end-to-end CLI tests share: a real server process of their own, a CLI sandbox logged in to it with the
/// admin token, and an exit-code assertion that shows what the server printed when it fails.
/// </summary>
public abstract class RealServerCliTests : IAsyncLifetime
{
    private RealServerProcess server = null!;

    /// <summary>The CLI's sandbox (its configuration folder and environment), pointed at the server.</summary>
    protected CliSandbox Sandbox { get; } = new();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await RealServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Sandbox.UseServer(server.BaseAddress, RealServerProcess.AdminToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Sandbox.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Asserts the exit code, showing the run and the server's output when it differs.</summary>
    protected void AssertExit(int expected, CliRun run) =>
        Assert.True(run.ExitCode == expected, $"expected exit {expected}; {run}\n--- server\n{server.Output}");
}
