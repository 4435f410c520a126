using Npgsql;
using Vexil.Server.Storage.Postgres;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Storage.Postgres;

/// <summary>
/// One test's own database on the throwaway cluster the PostgreSQL tests share: created on first use, so a test that
/// never touches PostgreSQL costs nothing, and dropped by <see cref="DropAsync"/>.
/// </summary>
public sealed class PostgresTestDatabase(PostgresClusterFixture fixture, string prefix)
{
    private readonly string name = prefix + "_" + Guid.NewGuid().ToString("N");
    private ThrowawayPostgresCluster? cluster;
    private string? connectionString;
    private readonly List<PostgresDatabase> handles = [];
    private PostgresDatabase? handle;

    /// <summary>The connection string, creating the database on first use (or failing/skipping without PostgreSQL).</summary>
    public string ConnectionString
    {
        get
        {
            if (connectionString is null)
            {
                cluster = fixture.Require();

                // Synchronous on purpose: the store factories are synchronous, and this runs once per test.
                connectionString = cluster.CreateDatabaseAsync(name, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
            }

            return connectionString;
        }
    }

    /// <summary>The handle of this test's "server": made on first use, shared by the stores that ask for it.</summary>
    public PostgresDatabase Handle => handle ??= NewHandle();

    /// <summary>
    /// A new handle on the database, disposed by <see cref="DropAsync"/>. Each handle is what one server process holds:
    /// its own connection pool.
    /// </summary>
    public PostgresDatabase NewHandle(string? connectionString = null)
    {
        var handle = new PostgresDatabase(connectionString ?? ConnectionString);
        handles.Add(handle);
        return handle;
    }

    /// <summary>Runs one SQL statement and returns the first column of its first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Drops the database if it was created.</summary>
    public async ValueTask DropAsync()
    {
        foreach (var handle in handles)
        {
            await handle.DisposeAsync();
        }

        if (cluster is not null && connectionString is not null)
        {
            await cluster.DropDatabaseAsync(name, CancellationToken.None);
        }
    }
}
