using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vexil.Core.State;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, through the <see cref="SqliteDatabase"/> handle every SQLite store
/// shares. Writers are serialized twice over: the handle's write gate inside this process (so they queue instead of
/// spinning on the file lock) and <c>BEGIN IMMEDIATE</c> with a busy timeout (so a second process on the same file
/// waits its turn rather than failing or losing an update).
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="logger">Where migrations and failed pings are logged.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class SqliteFlagStore(SqliteDatabase database, ILogger<SqliteFlagStore>? logger = null, TimeProvider? time = null) : IFlagStore
{
    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger<SqliteFlagStore>.Instance;

    /// <inheritdoc />
    public string Provider => StorageOptions.Sqlite;

    /// <summary>The database file, as the connection string names it.</summary>
    public string DatabasePath => database.DatabasePath;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => database.MigrateAsync(time, logger, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = SqliteDatabase.Command(connection, null, "SELECT 1 FROM vexil_meta LIMIT 1;");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (SqliteException exception)
        {
            logger.LogWarning(exception, "SQLite database {Path} did not answer a ping", database.DatabasePath);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateEnvironment(environment, nameof(environment));
        await using var connection = await database.OpenAsync(cancellationToken);

        // A deferred transaction is a read snapshot in WAL mode: the sequence and the flags agree.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var sequence = await ReadSequenceAsync(connection, transaction, environment, cancellationToken);

        Dictionary<string, FlagState> flags;
        await using (var command = SqliteDatabase.Command(connection, transaction, "SELECT name, state FROM flags WHERE environment = @environment;"))
        {
            command.Parameters.AddWithValue("@environment", environment);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            flags = await StoreRows.ReadFlagsAsync(reader, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnvironmentState(environment, sequence, flags);
    }

    /// <inheritdoc />
    public async Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateChange(request);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE takes the file's write lock before the read, so no other process can change the flag
        // between our read and our write.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var sequence = await ReadSequenceAsync(connection, transaction, request.Environment, cancellationToken);
        var before = await ReadStateAsync(connection, transaction, request, cancellationToken);

        if (request.ChangesNothing(before))
        {
            return ChangeResult.Applied(null);
        }

        if (request.ApplyTo(before, out var after) is { } refusal)
        {
            return ChangeResult.Refused(refusal);
        }

        var occurredAt = AuditClock.Now(time);
        var auditEvent = AuditEventRows.ForChange(request, sequence + 1, occurredAt, before, after);
        var id = await WriteChangeAsync(connection, transaction, auditEvent, cancellationToken);
        StoreWriteProgress.Current?.MarkCommitSent();
        await transaction.CommitAsync(cancellationToken);
        return ChangeResult.Applied(auditEvent with { Id = id });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT name, sequence FROM environments;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            sequences[reader.GetString(0)] = reader.GetInt64(1);
        }

        return sequences;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvent>> GetChangesSinceAsync(string environment, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateChangesSince(environment, afterSequence, limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"SELECT {AuditEventRows.Columns} FROM audit_events WHERE environment = @environment AND sequence > @after ORDER BY sequence LIMIT @limit;");
        command.Parameters.AddWithValue("@environment", environment);
        command.Parameters.AddWithValue("@after", afterSequence);
        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await AuditEventRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAuditQuery(query);
        var parameters = new List<(string Name, object Value)>();
        var where = AuditFilterSql.Where(query, parameters, time => SqliteTime.Format(time));
        var merged = AuditRecordRows.IsMerged(query);
        var source = merged ? AuditRecordRows.MergedSource(query, "json_object") : "audit_events";

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);

        long total;
        await using (var count = SqliteDatabase.Command(connection, transaction, $"SELECT COUNT(*) FROM {source}{where};"))
        {
            AddAll(count, parameters);
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        AuditPage result;
        await using (var page = SqliteDatabase.Command(
            connection,
            transaction,
            merged
                ? $"SELECT {AuditRecordRows.MergedColumns} FROM {source}{where}{AuditRecordRows.NewestFirst} LIMIT @limit OFFSET @offset;"
                : $"SELECT {AuditEventRows.Columns} FROM audit_events{where}{AuditFilterSql.NewestFirst} LIMIT @limit OFFSET @offset;"))
        {
            AddAll(page, parameters);
            page.Parameters.AddWithValue("@limit", query.PageSize);
            page.Parameters.AddWithValue("@offset", (long)(query.Page - 1) * query.PageSize);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            result = await AuditRecordRows.ReadPageAsync(reader, merged, query, total, ReadTime, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public async Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateRecord(record);

        // A write like any other: it queues on the process's write gate, so it never meets this process's changes on the
        // file lock (a change holds the gate for milliseconds).
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = SqliteDatabase.Command(connection, null, AuditRecordRows.InsertSql);
        insert.Parameters.AddWithValue("@kind", record.Kind);
        insert.Parameters.AddWithValue("@occurred_at", SqliteTime.Format(record.OccurredAt));
        insert.Parameters.AddWithValue("@environment", (object?)record.Environment ?? DBNull.Value);
        insert.Parameters.AddWithValue("@flag", (object?)record.Flag ?? DBNull.Value);
        insert.Parameters.AddWithValue("@action", (object?)record.Action ?? DBNull.Value);
        insert.Parameters.AddWithValue("@user_name", record.User);
        insert.Parameters.AddWithValue("@via", record.Via);
        insert.Parameters.AddWithValue("@origin", (object?)record.From ?? DBNull.Value);
        insert.Parameters.AddWithValue("@request_id", (object?)record.RequestId ?? DBNull.Value);
        insert.Parameters.AddWithValue("@title", (object?)record.Title ?? DBNull.Value);
        insert.Parameters.AddWithValue("@refusal", (object?)record.Refusal ?? DBNull.Value);
        insert.Parameters.AddWithValue("@details", AuditDetailsJson.Serialize(record.Details));
        return (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> ReadSequenceAsync(SqliteConnection connection, SqliteTransaction transaction, string environment, CancellationToken cancellationToken)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, "SELECT sequence FROM environments WHERE name = @environment;");
        command.Parameters.AddWithValue("@environment", environment);
        return await command.ExecuteScalarAsync(cancellationToken) is long sequence ? sequence : 0;
    }

    private static async Task<FlagState?> ReadStateAsync(SqliteConnection connection, SqliteTransaction transaction, ChangeRequest request, CancellationToken cancellationToken)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, "SELECT state FROM flags WHERE environment = @environment AND name = @flag;");
        command.Parameters.AddWithValue("@environment", request.Environment);
        command.Parameters.AddWithValue("@flag", request.Flag);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? FlagStateJson.Deserialize(json) : null;
    }

    private static async Task<long> WriteChangeAsync(SqliteConnection connection, SqliteTransaction transaction, AuditEvent change, CancellationToken cancellationToken)
    {
        var now = SqliteTime.Format(change.OccurredAt);
        await using (var environment = SqliteDatabase.Command(
            connection,
            transaction,
            """
            INSERT INTO environments (name, sequence, created_at) VALUES (@environment, @sequence, @now)
            ON CONFLICT (name) DO UPDATE SET sequence = excluded.sequence;
            """))
        {
            environment.Parameters.AddWithValue("@environment", change.Environment);
            environment.Parameters.AddWithValue("@sequence", change.Sequence);
            environment.Parameters.AddWithValue("@now", now);
            await environment.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var flag = change.After is null
            ? SqliteDatabase.Command(connection, transaction, "DELETE FROM flags WHERE environment = @environment AND name = @flag;")
            : SqliteDatabase.Command(
                connection,
                transaction,
                """
                INSERT INTO flags (environment, name, state, updated_at) VALUES (@environment, @flag, @state, @now)
                ON CONFLICT (environment, name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
                """))
        {
            flag.Parameters.AddWithValue("@environment", change.Environment);
            flag.Parameters.AddWithValue("@flag", change.Flag);
            if (change.After is not null)
            {
                flag.Parameters.AddWithValue("@state", FlagStateJson.Serialize(change.After));
                flag.Parameters.AddWithValue("@now", now);
            }

            await flag.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var audit = SqliteDatabase.Command(
            connection,
            transaction,
            $"""
            INSERT INTO audit_events ({AuditEventRows.InsertColumns})
            VALUES (@environment, @sequence, @now, @flag, @action, @before, @after, @user, @via, @origin, @reason, @request_id, @title, @details)
            RETURNING id;
            """);
        audit.Parameters.AddWithValue("@environment", change.Environment);
        audit.Parameters.AddWithValue("@sequence", change.Sequence);
        audit.Parameters.AddWithValue("@now", now);
        audit.Parameters.AddWithValue("@flag", change.Flag);
        audit.Parameters.AddWithValue("@action", change.Action);
        audit.Parameters.AddWithValue("@before", change.Before is null ? DBNull.Value : FlagStateJson.Serialize(change.Before));
        audit.Parameters.AddWithValue("@after", change.After is null ? DBNull.Value : FlagStateJson.Serialize(change.After));
        audit.Parameters.AddWithValue("@user", change.User);
        audit.Parameters.AddWithValue("@via", change.Via);
        audit.Parameters.AddWithValue("@origin", (object?)change.From ?? DBNull.Value);
        audit.Parameters.AddWithValue("@reason", (object?)change.Reason ?? DBNull.Value);
        audit.Parameters.AddWithValue("@request_id", (object?)change.RequestId ?? DBNull.Value);
        audit.Parameters.AddWithValue("@title", (object?)change.Title ?? DBNull.Value);
        audit.Parameters.AddWithValue("@details", AuditDetailsJson.Serialize(change.Details));
        return (long)(await audit.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddAll(SqliteCommand command, List<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }
    }

    private static DateTimeOffset ReadTime(System.Data.Common.DbDataReader reader, int ordinal) => SqliteTime.Parse(reader.GetString(ordinal));
}
