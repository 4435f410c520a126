using System.Data;
using System.Data.Common;
using Npgsql;
using Vexil.Server.Storage.Postgres;
using NpgsqlTypes;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Deliveries.Postgres;

/// <summary>
/// The notification queue in the PostgreSQL database that holds the flags, in the connection's current schema.
/// Claims use <c>FOR UPDATE SKIP LOCKED</c>, so replicas sharing the database never claim the same delivery.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
public sealed class PostgresDeliveryStore(PostgresDatabase database) : INotificationDeliveryStore
{
    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvent>> PendingChangesAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        await using var command = dataSource.CreateCommand(
            $"SELECT {AuditEventRows.Columns} FROM audit_events WHERE id IN (SELECT event_id FROM notification_outbox ORDER BY event_id LIMIT @limit) ORDER BY id;");
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await AuditEventRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task EnqueueAsync(AuditEvent change, IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        DeliveryRows.ValidateEnqueue(change, deliveries);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        foreach (var delivery in deliveries)
        {
            await using var insert = new NpgsqlCommand(
                DeliverySql.Enqueue,
                connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter<long>("event", change.Id));
            insert.Parameters.Add(Text("environment", change.Environment));
            insert.Parameters.Add(Text("flag", change.Flag));
            insert.Parameters.Add(Text("kind", delivery.Kind));
            insert.Parameters.Add(Text("target", delivery.Target));
            insert.Parameters.Add(Text("payload", delivery.Payload));
            insert.Parameters.Add(Time("now", now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var remove = new NpgsqlCommand("DELETE FROM notification_outbox WHERE event_id = @event;", connection, transaction))
        {
            remove.Parameters.Add(new NpgsqlParameter<long>("event", change.Id));
            await remove.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Delivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        // SKIP LOCKED: two replicas claiming at once never wait for, or take, the same row.
        await using var command = dataSource.CreateCommand($"{DeliveryRows.ClaimNextSql.Replace("LIMIT 1", "LIMIT 1 FOR UPDATE SKIP LOCKED", StringComparison.Ordinal)} RETURNING {DeliveryRows.Columns};");
        command.Parameters.Add(Time("now", now));
        command.Parameters.Add(Time("lease", leaseUntil));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DeliveryRows.Read(reader, ReadTime) : null;
    }

    /// <inheritdoc />
    public Task MarkDeliveredAsync(long id, DateTimeOffset at, int? statusCode, NewDelivery? followUp, CancellationToken cancellationToken = default) =>
        RecordAsync(
            id,
            DeliverySql.MarkDelivered,
            [Time("at", at), Code(statusCode)],
            at,
            followUp,
            cancellationToken);

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, DateTimeOffset at, int? statusCode, string error, DateTimeOffset? retryAt, NewDelivery? followUp, CancellationToken cancellationToken = default) =>
        RecordAsync(
            id,
            retryAt is null ? DeliverySql.MarkDeadLettered : DeliverySql.ScheduleRetry,
            retryAt is { } retry
                ? [Time("at", at), Code(statusCode), Text("error", DeliveryRows.Error(error)), Time("retry", retry)]
                : [Time("at", at), Code(statusCode), Text("error", DeliveryRows.Error(error))],
            at,
            followUp,
            cancellationToken);

    /// <inheritdoc />
    public async Task<Delivery?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {DeliveryRows.Columns} FROM notification_deliveries WHERE id = @id;");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DeliveryRows.Read(reader, ReadTime) : null;
    }

    /// <inheritdoc />
    public async Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var where = query.Status is { } status ? $" WHERE status = '{DeliveryStatuses.ToText(status)}'" : string.Empty;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Repeatable read: the count and the page describe the same moment.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM notification_deliveries{where};", connection, transaction))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        List<Delivery> deliveries;
        await using (var page = new NpgsqlCommand(
            $"SELECT {DeliveryRows.Columns} FROM notification_deliveries{where} ORDER BY id DESC LIMIT @limit OFFSET @offset;",
            connection,
            transaction))
        {
            page.Parameters.Add(new NpgsqlParameter<int>("limit", query.PageSize));
            page.Parameters.Add(new NpgsqlParameter<long>("offset", (long)(query.Page - 1) * query.PageSize));
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            deliveries = await DeliveryRows.ReadAllAsync(reader, ReadTime, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new DeliveryPage(deliveries, query.Page, query.PageSize, total);
    }

    /// <inheritdoc />
    public async Task<Delivery?> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            DeliverySql.Requeue);
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        command.Parameters.Add(Time("now", now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DeliveryRows.Read(reader, ReadTime) : null;
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM notification_deliveries WHERE status <> 'pending' AND created_at < @before;");
        command.Parameters.Add(Time("before", createdBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }


    private async Task RecordAsync(
        long id,
        string sql,
        NpgsqlParameter[] parameters,
        DateTimeOffset at,
        NewDelivery? followUp,
        CancellationToken cancellationToken)
    {
        if (followUp is not null)
        {
            DeliveryRows.Validate(followUp);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var update = new NpgsqlCommand(sql, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter<long>("id", id));
            update.Parameters.AddRange(parameters);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (followUp is not null)
        {
            await using var insert = new NpgsqlCommand(
                DeliverySql.EnqueueFollowUp,
                connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter<long>("id", id));
            insert.Parameters.Add(Text("kind", followUp.Kind));
            insert.Parameters.Add(Text("target", followUp.Target));
            insert.Parameters.Add(Text("payload", followUp.Payload));
            insert.Parameters.Add(Time("at", at));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };

    private static NpgsqlParameter Code(int? statusCode) => new("code", NpgsqlDbType.Integer) { Value = (object?)statusCode ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset value) => new NpgsqlParameter<DateTimeOffset>(name, DeliveryRows.Microseconds(value));

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
