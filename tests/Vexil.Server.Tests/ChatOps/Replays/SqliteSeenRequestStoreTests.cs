using Vexil.Server.ChatOps.Replays;
using Vexil.Server.ChatOps.Replays.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;

namespace Vexil.Server.Tests.ChatOps.Replays;

/// <summary>The seen-request store contract on a SQLite file of its own.</summary>
public sealed class SqliteSeenRequestStoreTests : SeenRequestStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-replays-");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new SqliteFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override ISeenRequestStore NewSeenRequestStore(TimeProvider time) => new SqliteSeenRequestStore(database.Handle, time);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
