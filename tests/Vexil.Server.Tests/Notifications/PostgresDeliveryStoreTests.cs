using Npgsql;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Deliveries.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>The delivery store contract on the shared throwaway PostgreSQL cluster, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeliveryStoreTests(PostgresClusterFixture fixture) : DeliveryStoreContract
{
    private readonly string database = "vexil_deliveries_" + Guid.NewGuid().ToString("N");
    private ThrowawayPostgresCluster? cluster;
    private string? connectionString;

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new PostgresFlagStore(ConnectionString, time: time);

    /// <inheritdoc />
    protected override INotificationDeliveryStore NewDeliveryStore() => new PostgresDeliveryStore(ConnectionString);

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
}
