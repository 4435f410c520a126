using Vexil.Server.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

public sealed class RealServerProcessTests
{
    [Fact]
    public async Task Server_runs_as_a_process_and_answers_health()
    {
        await using var server = await RealServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var body = await client.GetStringAsync("health", TestContext.Current.CancellationToken);
        Assert.Contains("healthy", body, StringComparison.Ordinal);
    }
}
