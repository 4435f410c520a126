using Npgsql;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// The token store contract on a real PostgreSQL server: the throwaway cluster the storage tests share, a database of
/// its own per test. Skipped without PostgreSQL, unless <c>VEXIL_REQUIRE_POSTGRES=1</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTokenStoreTests(PostgresClusterFixture fixture) : TokenStoreContract
{
    private readonly string database = "vexil_tokens_" + Guid.NewGuid().ToString("N");
    private ThrowawayPostgresCluster? cluster;
    private string? connectionString;

    private string ConnectionString
    {
        get
        {
            if (connectionString is null)
            {
                cluster = fixture.Require();

                // Synchronous on purpose: the store factories are synchronous, and this runs once per test.
                connectionString = cluster.CreateDatabaseAsync(database, Cancel).GetAwaiter().GetResult();
            }

            return connectionString;
        }
    }

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore() => new PostgresFlagStore(ConnectionString, time: Clock);

    /// <inheritdoc />
    protected override ITokenStore NewTokenStore(TimeProvider time) => new PostgresTokenStore(ConnectionString, time);

    /// <inheritdoc />
    protected override async Task<string> DumpTokensTableAsync()
    {
        var rows = await ScalarAsync("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM tokens AS t");
        return (string)rows!;
    }

    /// <inheritdoc />
    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Cancel);
    }

    /// <inheritdoc />
    protected override async ValueTask DropDatabaseAsync()
    {
        if (cluster is not null && connectionString is not null)
        {
            await cluster.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_schema_refuses_a_row_whose_hash_is_not_a_sha256()
    {
        await OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(
            "INSERT INTO tokens (name, kind, token_hash, created_by, created_at) VALUES ('x', 'read', 'vxl_not_a_hash', 'me', now())"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }
}
