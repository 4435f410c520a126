using System.Data.Common;
using Microsoft.Data.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Notifications.Deliveries.Sqlite;

/// <summary>
/// The notification queue in the SQLite file that holds the flags, through the shared
/// <see cref="SqliteDatabase"/> handle. Writes queue on the
/// handle's write gate with every other writer of this process, then take the file's write lock up front
/// (<c>BEGIN IMMEDIATE</c>) and wait for other writers as the flag store does, which also makes a claim atomic.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
public sealed class SqliteDeliveryStore(SqliteDatabase database) : INotificationDeliveryStore
{
    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvent>> PendingChangesAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"SELECT {AuditEventRows.Columns} FROM audit_events WHERE id IN (SELECT event_id FROM notification_outbox ORDER BY event_id LIMIT @limit) ORDER BY id;");
        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await AuditEventRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task EnqueueAsync(AuditEvent change, IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        DeliveryRows.ValidateEnqueue(change, deliveries);

        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var delivery in deliveries)
        {
            await using var insert = SqliteDatabase.Command(
                connection,
                transaction,
                DeliverySql.Enqueue);
            insert.Parameters.AddWithValue("@event", change.Id);
            insert.Parameters.AddWithValue("@environment", change.Environment);
            insert.Parameters.AddWithValue("@flag", change.Flag);
            insert.Parameters.AddWithValue("@kind", delivery.Kind);
            insert.Parameters.AddWithValue("@target", delivery.Target);
            insert.Parameters.AddWithValue("@payload", delivery.Payload);
            insert.Parameters.AddWithValue("@now", Time(now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var remove = SqliteDatabase.Command(connection, transaction, "DELETE FROM notification_outbox WHERE event_id = @event;"))
        {
            remove.Parameters.AddWithValue("@event", change.Id);
            await remove.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Delivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = SqliteDatabase.Command(connection, transaction, $"{DeliveryRows.ClaimNextSql} RETURNING {DeliveryRows.Columns};");
        command.Parameters.AddWithValue("@now", Time(now));
        command.Parameters.AddWithValue("@lease", Time(leaseUntil));
        Delivery? claimed;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            claimed = await reader.ReadAsync(cancellationToken) ? DeliveryRows.Read(reader, ReadTime) : null;
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <inheritdoc />
    public Task MarkDeliveredAsync(long id, DateTimeOffset at, int? statusCode, NewDelivery? followUp, CancellationToken cancellationToken = default) =>
        RecordAsync(
            id,
            DeliverySql.MarkDelivered,
            command =>
            {
                command.Parameters.AddWithValue("@at", Time(at));
                command.Parameters.AddWithValue("@code", (object?)statusCode ?? DBNull.Value);
            },
            at,
            followUp,
            cancellationToken);

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, DateTimeOffset at, int? statusCode, string error, DateTimeOffset? retryAt, NewDelivery? followUp, CancellationToken cancellationToken = default) =>
        RecordAsync(
            id,
            retryAt is null ? DeliverySql.MarkDeadLettered : DeliverySql.ScheduleRetry,
            command =>
            {
                command.Parameters.AddWithValue("@at", Time(at));
                command.Parameters.AddWithValue("@code", (object?)statusCode ?? DBNull.Value);
                command.Parameters.AddWithValue("@error", DeliveryRows.Error(error));
                if (retryAt is { } retry)
                {
                    command.Parameters.AddWithValue("@retry", Time(retry));
                }
            },
            at,
            followUp,
            cancellationToken);

    /// <inheritdoc />
    public async Task<Delivery?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadOneAsync(connection, null, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var where = query.Status is { } status ? $" WHERE status = '{DeliveryStatuses.ToText(status)}'" : string.Empty;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        long total;
        await using (var count = SqliteDatabase.Command(connection, transaction, $"SELECT COUNT(*) FROM notification_deliveries{where};"))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        List<Delivery> deliveries;
        await using (var page = SqliteDatabase.Command(
            connection,
            transaction,
            $"SELECT {DeliveryRows.Columns} FROM notification_deliveries{where} ORDER BY id DESC LIMIT @limit OFFSET @offset;"))
        {
            page.Parameters.AddWithValue("@limit", query.PageSize);
            page.Parameters.AddWithValue("@offset", (long)(query.Page - 1) * query.PageSize);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            deliveries = await DeliveryRows.ReadAllAsync(reader, ReadTime, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new DeliveryPage(deliveries, query.Page, query.PageSize, total);
    }

    /// <inheritdoc />
    public async Task<Delivery?> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            DeliverySql.Requeue);
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@now", Time(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DeliveryRows.Read(reader, ReadTime) : null;
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, "DELETE FROM notification_deliveries WHERE status <> 'pending' AND created_at < @before;");
        command.Parameters.AddWithValue("@before", Time(createdBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordAsync(
        long id,
        string sql,
        Action<SqliteCommand> bind,
        DateTimeOffset at,
        NewDelivery? followUp,
        CancellationToken cancellationToken)
    {
        if (followUp is not null)
        {
            DeliveryRows.Validate(followUp);
        }

        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var update = SqliteDatabase.Command(connection, transaction, sql))
        {
            update.Parameters.AddWithValue("@id", id);
            bind(update);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (followUp is not null)
        {
            await using var insert = SqliteDatabase.Command(
                connection,
                transaction,
                DeliverySql.EnqueueFollowUp);
            insert.Parameters.AddWithValue("@id", id);
            insert.Parameters.AddWithValue("@kind", followUp.Kind);
            insert.Parameters.AddWithValue("@target", followUp.Target);
            insert.Parameters.AddWithValue("@payload", followUp.Payload);
            insert.Parameters.AddWithValue("@at", Time(at));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Delivery?> ReadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, $"SELECT {DeliveryRows.Columns} FROM notification_deliveries WHERE id = @id;");
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DeliveryRows.Read(reader, ReadTime) : null;
    }

    private static string Time(DateTimeOffset time) => SqliteTime.Format(DeliveryRows.Microseconds(time));

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => SqliteTime.Parse(reader.GetString(ordinal));
}
