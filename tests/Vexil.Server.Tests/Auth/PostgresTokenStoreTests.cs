using Npgsql;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// The token store contract on a real PostgreSQL server: the throwaway cluster the storage tests share, a database of
/// its own per test. Skipped without PostgreSQL, unless <c>VEXIL_REQUIRE_POSTGRES=1</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTokenStoreTests(PostgresClusterFixture fixture) : TokenStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_tokens");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore() => new PostgresFlagStore(database.NewHandle(), time: Clock);

    /// <inheritdoc />
    protected override ITokenStore NewTokenStore(TimeProvider time) => new PostgresTokenStore(database.NewHandle(), time);

    /// <inheritdoc />
    protected override async Task<string> DumpTokensTableAsync()
    {
        var rows = await ScalarAsync("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM tokens AS t");
        return (string)rows!;
    }

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();

    [Fact]
    public async Task The_schema_refuses_a_row_whose_hash_is_not_a_sha256()
    {
        await OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(
            "INSERT INTO tokens (name, kind, token_hash, created_by, created_at) VALUES ('x', 'read', 'vxl_not_a_hash', 'me', now())"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }
}
