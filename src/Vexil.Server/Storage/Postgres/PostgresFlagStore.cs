using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Vexil.Core.State;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Storage.Postgres;

/// <summary>
/// The shared store for several replicas: PostgreSQL, in the connection's current schema. Writers of one environment
/// are serialized by the environment row's lock, taken by the statement that also bumps its sequence, before the
/// flag is read; so concurrent changes queue and none is lost.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="logger">Where migrations and failed pings are logged.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class PostgresFlagStore(PostgresDatabase database, ILogger<PostgresFlagStore>? logger = null, TimeProvider? time = null) : IFlagStore, IChangeSignal
{
    /// <summary>The LISTEN/NOTIFY channel on which each committed change names its environment.</summary>
    public const string ChangeChannel = "vexil_changes";

    /// <summary>How long the listening connection may be silent before it is checked with <c>SELECT 1</c>.</summary>
    public static readonly TimeSpan ListenCheckInterval = TimeSpan.FromSeconds(5);

    private readonly PostgresDatabase database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger<PostgresFlagStore>.Instance;

    /// <inheritdoc />
    public string Provider => StorageOptions.Postgres;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => database.MigrateAsync(time, logger, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1;");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or IOException)
        {
            logger.LogWarning(exception, "PostgreSQL did not answer a ping");
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateEnvironment(environment, nameof(environment));
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);

        // Repeatable read: both statements see the same snapshot, so the flags are exactly those of the sequence.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Statement("SELECT sequence FROM environments WHERE name = @environment;", Text("environment", environment)),
                Statement("SELECT name, state FROM flags WHERE environment = @environment;", Text("environment", environment)),
            },
        };

        long sequence = 0;
        Dictionary<string, FlagState> flags;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                sequence = reader.GetInt64(0);
            }

            await reader.NextResultAsync(cancellationToken);
            flags = await StoreRows.ReadFlagsAsync(reader, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnvironmentState(environment, sequence, flags);
    }

    /// <inheritdoc />
    public async Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateChange(request);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);

        // The transaction is opened and committed by statements inside the two batches rather than by an
        // NpgsqlTransaction, which would cost a third round trip for its COMMIT. Each round trip is a wake-up of the
        // server and of us; on a busy machine those wake-ups, not the work, are what a change waits for.
        var progress = new ApplyProgress();
        try
        {
            return await ApplyInTransactionAsync(connection, request, progress, cancellationToken);
        }
        catch (Exception exception) when (progress.CommitSent && !progress.Committed && StoreFailures.Classify(exception) is { } outage)
        {
            // The batch holding COMMIT went out and no answer came back: the server may have committed it. Say so
            // rather than report a refusal that might be false.
            throw new StoreUnavailableException(StoreFailures.Message(outage.Reason, StoreCallKind.TrackedWrite, mayHaveApplied: true), mayHaveApplied: true, exception);
        }
        catch (OperationCanceledException exception) when (progress.CommitSent && !progress.Committed)
        {
            throw new StoreUnavailableException(
                StoreFailures.Message(StoreFailures.DeadlineReason(Provider, StoreCall.Deadline), StoreCallKind.TrackedWrite, mayHaveApplied: true),
                mayHaveApplied: true,
                exception);
        }
        finally
        {
            if (!progress.Committed)
            {
                await RollBackQuietlyAsync(connection);
            }
        }
    }

    private async Task<ChangeResult> ApplyInTransactionAsync(NpgsqlConnection connection, ChangeRequest request, ApplyProgress progress, CancellationToken cancellationToken)
    {
        // BEGIN, then: create the environment row if needed and bump its sequence, which locks the row until commit;
        // a concurrent writer of the same environment waits here. Then read the flag: under read committed the read
        // takes a fresh snapshot, so it sees whatever the writer before us committed.
        long sequence;
        FlagState? before = null;
        await using (var read = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Statement("BEGIN ISOLATION LEVEL READ COMMITTED;"),
                Statement(
                    """
                    INSERT INTO environments (name, sequence) VALUES (@environment, 1)
                    ON CONFLICT (name) DO UPDATE SET sequence = environments.sequence + 1
                    RETURNING sequence;
                    """,
                    Text("environment", request.Environment)),
                Statement(
                    "SELECT state FROM flags WHERE environment = @environment AND name = @flag;",
                    Text("environment", request.Environment),
                    Text("flag", request.Flag)),
            },
        })
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            // BEGIN returns no rows and the reader passes over it: it starts on the sequence.
            await reader.ReadAsync(cancellationToken);
            sequence = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                before = FlagStateJson.Deserialize(reader.GetString(0));
            }
        }

        // Refusals and no-op deletes return without committing: the caller rolls the bump back.
        if (request.ChangesNothing(before))
        {
            return ChangeResult.Applied(null);
        }

        if (request.ApplyTo(before, out var after) is { } refusal)
        {
            return ChangeResult.Refused(refusal);
        }

        var change = AuditEventRows.ForChange(request, sequence, AuditClock.Now(time), before, after);
        var beforeJson = before is null ? null : FlagStateJson.Serialize(before);
        var afterJson = after is null ? null : FlagStateJson.Serialize(after);
        // From here on a failure may come after the server committed (see ApplyAsync). A deadline that passed while
        // the flag was read stops us here, before anything is sent.
        cancellationToken.ThrowIfCancellationRequested();
        progress.CommitSent = true;
        StoreWriteProgress.Current?.MarkCommitSent();
        long id;
        await using (var write = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                afterJson is null
                    ? Statement(
                        "DELETE FROM flags WHERE environment = @environment AND name = @flag;",
                        Text("environment", change.Environment),
                        Text("flag", change.Flag))
                    : Statement(
                        """
                        INSERT INTO flags (environment, name, state, updated_at) VALUES (@environment, @flag, @state, @now)
                        ON CONFLICT (environment, name) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at;
                        """,
                        Text("environment", change.Environment),
                        Text("flag", change.Flag),
                        Json("state", afterJson),
                        Time("now", change.OccurredAt)),
                Statement(
                    $"""
                    INSERT INTO audit_events ({AuditEventRows.InsertColumns})
                    VALUES (@environment, @sequence, @now, @flag, @action, @before, @after, @user, @via, @origin, @reason, @request_id, @title, @details)
                    RETURNING id;
                    """,
                    Text("environment", change.Environment),
                    new NpgsqlParameter<long>("sequence", change.Sequence),
                    Time("now", change.OccurredAt),
                    Text("flag", change.Flag),
                    Text("action", change.Action),
                    Json("before", beforeJson),
                    Json("after", afterJson),
                    Text("user", change.User),
                    Text("via", change.Via),
                    Text("origin", change.From),
                    Text("reason", change.Reason),
                    Text("request_id", change.RequestId),
                    Text("title", change.Title),
                    Json("details", AuditDetailsJson.Serialize(change.Details))),

                // Delivered at COMMIT, and only if it commits: other server processes catch up at once instead of
                // at their next poll.
                Statement("SELECT pg_notify(@channel, @environment);", Text("channel", ChangeChannel), Text("environment", change.Environment)),
                Statement("COMMIT;"),
            },
        })
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken))
        {
            // The flag statement returns no rows and the reader passes over it: it starts on the audit RETURNING.
            await reader.ReadAsync(cancellationToken);
            id = reader.GetInt64(0);

            // Drain the batch so that an error in COMMIT surfaces here, before the change is reported as written. (An
            // error in an earlier statement makes the server skip the rest of the batch, COMMIT included.)
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }

        progress.Committed = true;
        return ChangeResult.Applied(change with { Id = id });
    }

    // How far a change got, for telling "not applied" from "may have been applied" when the database stops answering.
    private sealed class ApplyProgress
    {
        public bool CommitSent { get; set; }

        public bool Committed { get; set; }
    }

    private static async Task RollBackQuietlyAsync(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK;", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or IOException)
        {
            // The connection is broken or busy; Npgsql discards such a connection instead of pooling it, and the server
            // rolls back the transaction of a session that ends.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand("SELECT name, sequence FROM environments;");
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
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {AuditEventRows.Columns} FROM audit_events WHERE environment = @environment AND sequence > @after ORDER BY sequence LIMIT @limit;");
        command.Parameters.Add(Text("environment", environment));
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await AuditEventRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAuditQuery(query);
        var filter = new List<(string Name, object Value)>();
        var where = AuditFilterSql.Where(query, filter, instant => instant.ToUniversalTime());
        var merged = AuditRecordRows.IsMerged(query);
        var source = merged ? AuditRecordRows.MergedSource(query, "jsonb_build_object") : "audit_events";

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var count = Statement($"SELECT count(*) FROM {source}{where};");
        var page = Statement(merged
            ? $"SELECT {AuditRecordRows.MergedColumns} FROM {source}{where}{AuditRecordRows.NewestFirst} LIMIT @limit OFFSET @offset;"
            : $"SELECT {AuditEventRows.Columns} FROM audit_events{where}{AuditFilterSql.NewestFirst} LIMIT @limit OFFSET @offset;");
        foreach (var (name, value) in filter)
        {
            count.Parameters.Add(new NpgsqlParameter(name, value));
            page.Parameters.Add(new NpgsqlParameter(name, value));
        }

        page.Parameters.Add(new NpgsqlParameter<int>("limit", query.PageSize));
        page.Parameters.Add(new NpgsqlParameter<long>("offset", (long)(query.Page - 1) * query.PageSize));

        long total;
        AuditPage result;
        await using (var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { count, page } })
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            result = await AuditRecordRows.ReadPageAsync(reader, merged, query, total, ReadTime, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public async Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateRecord(record);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(AuditRecordRows.InsertSql, connection);
        insert.Parameters.Add(Text("kind", record.Kind));
        insert.Parameters.Add(Time("occurred_at", record.OccurredAt));
        insert.Parameters.Add(Text("environment", record.Environment));
        insert.Parameters.Add(Text("flag", record.Flag));
        insert.Parameters.Add(Text("action", record.Action));
        insert.Parameters.Add(Text("user_name", record.User));
        insert.Parameters.Add(Text("via", record.Via));
        insert.Parameters.Add(Text("origin", record.From));
        insert.Parameters.Add(Text("request_id", record.RequestId));
        insert.Parameters.Add(Text("title", record.Title));
        insert.Parameters.Add(Text("refusal", record.Refusal));
        insert.Parameters.Add(Json("details", AuditDetailsJson.Serialize(record.Details)));
        return (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The connection is a dedicated one (application name "... listener"), outside the pool. A connection that has
    /// been quiet for <see cref="ListenCheckInterval"/> is asked <c>SELECT 1</c>: a database that went away without
    /// closing the socket (a frozen host, a dropped network path) would otherwise leave this process listening to
    /// nothing for as long as the kernel keeps the connection, and the caller would never reconnect.
    /// </remarks>
    public async IAsyncEnumerable<string?> ListenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenDedicatedConnectionAsync("listener", cancellationToken);
        try
        {
            var received = System.Threading.Channels.Channel.CreateUnbounded<string>();
            connection.Notification += (_, e) => received.Writer.TryWrite(e.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN {ChangeChannel};", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            // Every commit from here on is signalled; those before were not, and the caller catches up for them.
            yield return null;
            while (!cancellationToken.IsCancellationRequested)
            {
                // WaitAsync returns true after one or more notifications were delivered to the handler above, false
                // when the interval passed in silence.
                if (!await connection.WaitAsync(ListenCheckInterval, cancellationToken))
                {
                    await PostgresSessions.CheckAsync(connection, cancellationToken);
                }

                // Drained every round: notifications can also arrive while the check's answer is read.
                while (received.Reader.TryRead(out var environment))
                {
                    yield return environment;
                }
            }
        }
        finally
        {
            await PostgresSessions.CloseAsync(connection);
        }
    }

    private static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Json(string name, string? value) =>
        new(name, NpgsqlDbType.Jsonb) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset value) =>
        new NpgsqlParameter<DateTimeOffset>(name, value.ToUniversalTime());

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
