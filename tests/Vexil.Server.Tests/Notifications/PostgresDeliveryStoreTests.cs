using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Deliveries.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>The delivery store contract on the shared throwaway PostgreSQL cluster, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeliveryStoreTests(PostgresClusterFixture fixture) : DeliveryStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_deliveries");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new PostgresFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override INotificationDeliveryStore NewDeliveryStore() => new PostgresDeliveryStore(database.Handle);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
