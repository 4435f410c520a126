using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Storage.Postgres;

/// <summary>
/// One throwaway PostgreSQL cluster shared by the tests of <see cref="PostgresCollection"/>, started on first use of
/// the collection and stopped at its end. Tests call <see cref="Require"/>: without PostgreSQL's tools they are
/// skipped, unless <c>VEXIL_REQUIRE_POSTGRES=1</c> (CI), where a missing PostgreSQL is a failure.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    /// <summary>Set to 1 to make a missing PostgreSQL fail the tests instead of skipping them.</summary>
    public const string RequireVariable = "VEXIL_REQUIRE_POSTGRES";

    private ThrowawayPostgresCluster? cluster;
    private string? unavailable;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var bin = ThrowawayPostgresCluster.FindBinDirectory();
        if (bin is null)
        {
            unavailable = "PostgreSQL's server tools (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or VEXIL_POSTGRES_BIN; install Debian's postgresql package to run these tests.";
            return;
        }

        cluster = await ThrowawayPostgresCluster.StartAsync(bin, durable: false, TestContext.Current.CancellationToken);
    }

    /// <summary>The running cluster; skips (or, when required, fails) the calling test when there is none.</summary>
    public ThrowawayPostgresCluster Require()
    {
        if (cluster is not null)
        {
            return cluster;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{unavailable} ({RequireVariable}=1 makes this a failure rather than a skip.)");
        }

        Assert.Skip(unavailable!);
        return null!;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
