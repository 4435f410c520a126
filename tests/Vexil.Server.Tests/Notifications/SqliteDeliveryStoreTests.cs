using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Deliveries.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;

namespace Vexil.Server.Tests.Notifications;

/// <summary>The delivery store contract on a SQLite file of its own.</summary>
public sealed class SqliteDeliveryStoreTests : DeliveryStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-deliveries-");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new SqliteFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override INotificationDeliveryStore NewDeliveryStore() => new SqliteDeliveryStore(database.Handle);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
