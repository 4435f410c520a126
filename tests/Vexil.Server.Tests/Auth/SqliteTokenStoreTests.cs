using System.Text;
using Microsoft.Data.Sqlite;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>The token store contract on a SQLite file of its own, plus what only a file can show.</summary>
public sealed class SqliteTokenStoreTests : TokenStoreContract
{
    private readonly string folder = Directory.CreateTempSubdirectory("vexil-tokens-").FullName;

    private string DatabasePath => Path.Combine(folder, "vexil.db");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore() => new SqliteFlagStore($"Data Source={DatabasePath}", time: Clock);

    /// <inheritdoc />
    protected override ITokenStore NewTokenStore(TimeProvider time) => new SqliteTokenStore($"Data Source={DatabasePath}", time);

    /// <inheritdoc />
    protected override async Task<string> DumpTokensTableAsync()
    {
        await using var connection = await OpenDirectAsync();
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
    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenDirectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Cancel);
    }

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task No_byte_of_the_database_files_holds_the_secret()
    {
        var store = await OpenAsync();
        var (secret, token) = NewToken();
        await store.CreateAsync(token, Cancel);
        SqliteConnection.ClearAllPools();

        // The main file and the write-ahead log: a secret in either would be readable by anyone with a backup.
        var needle = Encoding.UTF8.GetBytes(secret[TokenHasher.Prefix.Length..]);
        var files = Directory.GetFiles(folder, "vexil.db*");
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

    private async Task<SqliteConnection> OpenDirectAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Cancel);
        return connection;
    }
}
