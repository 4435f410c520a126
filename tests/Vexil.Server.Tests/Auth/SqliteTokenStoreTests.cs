using System.Text;
using Microsoft.Data.Sqlite;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>The token store contract on a SQLite file of its own, plus what only a file can show.</summary>
public sealed class SqliteTokenStoreTests : TokenStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-tokens-");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore() => new SqliteFlagStore(database.NewHandle(), time: Clock);

    /// <inheritdoc />
    protected override ITokenStore NewTokenStore(TimeProvider time) => new SqliteTokenStore(database.NewHandle(), time);

    /// <inheritdoc />
    protected override async Task<string> DumpTokensTableAsync()
    {
        await using var connection = await database.OpenDirectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM tokens";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var text = new StringBuilder();
        while (await reader.ReadAsync(Cancel))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();

    [Fact]
    public async Task No_byte_of_the_database_files_holds_the_secret()
    {
        var store = await OpenAsync();
        var (secret, token) = NewToken();
        await store.CreateAsync(token, Cancel);
        SqliteConnection.ClearAllPools();

        // The main file and the write-ahead log: a secret in either would be readable by anyone with a backup.
        var needle = Encoding.UTF8.GetBytes(secret[TokenHasher.Prefix.Length..]);
        var files = Directory.GetFiles(database.Folder, "vexil.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.Equal(-1, (await File.ReadAllBytesAsync(file, Cancel)).AsSpan().IndexOf(needle));
        }

        var hash = Encoding.ASCII.GetBytes(token.Hash);
        Assert.Contains(files, file => File.ReadAllBytes(file).AsSpan().IndexOf(hash) >= 0);
    }

    [Fact]
    public async Task The_schema_refuses_a_row_whose_hash_is_not_a_sha256()
    {
        await OpenAsync();

        await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync(
            "INSERT INTO tokens (name, kind, token_hash, created_by, created_at) VALUES ('x', 'read', 'vxl_not_a_hash', 'me', '2025-01-01T00:00:00.000000Z')"));
    }
}
