using Vexil.Server.ChatOps.Replays;
using Vexil.Server.ChatOps.Replays.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.ChatOps.Replays;

/// <summary>The seen-request store contract on the shared throwaway PostgreSQL cluster, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSeenRequestStoreTests(PostgresClusterFixture fixture) : SeenRequestStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_replays");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new PostgresFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override ISeenRequestStore NewSeenRequestStore(TimeProvider time) => new PostgresSeenRequestStore(database.Handle, time);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
