using Microsoft.Data.Sqlite;
using Vexil.Server.ChatOps.Replays;
using Vexil.Server.ChatOps.Replays.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Tests.ChatOps.Replays;

/// <summary>The seen-request store contract on a SQLite file of its own.</summary>
public sealed class SqliteSeenRequestStoreTests : SeenRequestStoreContract
{
    private readonly string folder = Directory.CreateTempSubdirectory("vexil-replays-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(folder, "vexil.db")}";

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new SqliteFlagStore(ConnectionString, time: time);

    /// <inheritdoc />
    protected override ISeenRequestStore NewSeenRequestStore(TimeProvider time) => new SqliteSeenRequestStore(ConnectionString, time);

    /// <inheritdoc />
    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync(Cancel);
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
}
