using Microsoft.Data.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Rollouts.Sqlite;

/// <summary>Rollout plans in the SQLite file that holds the flags, through the shared <see cref="SqliteDatabase"/> handle.</summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class SqliteRolloutStore(SqliteDatabase database, TimeProvider? time = null) : IRolloutStore
{
    // SQLITE_CONSTRAINT_UNIQUE: the one-active-plan index refused the row.
    private const int UniqueViolation = 2067;

    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<RolloutPlan> CreateAsync(RolloutPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = time.GetUtcNow();
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        long id;
        await using (var insert = SqliteDatabase.Command(
            connection,
            transaction,
            "INSERT INTO rollout_plans (flag, environment, status, created_at, updated_at, body) VALUES (@flag, @environment, @status, @now, @now, '{}') RETURNING id;"))
        {
            insert.Parameters.AddWithValue("@flag", plan.Flag);
            insert.Parameters.AddWithValue("@environment", plan.Environment);
            insert.Parameters.AddWithValue("@status", RolloutStatuses.Word(plan.Status));
            insert.Parameters.AddWithValue("@now", SqliteTime.Format(now));
            try
            {
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == UniqueViolation)
            {
                throw new RolloutAlreadyActiveException(plan.Flag, plan.Environment);
            }
        }

        // The body carries the id too, so it is written once the row has one.
        var stored = plan with { Id = id, CreatedAt = now, UpdatedAt = now };
        await using (var body = SqliteDatabase.Command(connection, transaction, "UPDATE rollout_plans SET body = @body WHERE id = @id;"))
        {
            body.Parameters.AddWithValue("@body", RolloutPlanJson.Serialize(stored));
            body.Parameters.AddWithValue("@id", id);
            await body.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public async Task<RolloutPlan?> SaveAsync(RolloutPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var saved = plan with { Version = plan.Version + 1 };
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = SqliteDatabase.Command(
            connection,
            null,
            "UPDATE rollout_plans SET status = @status, updated_at = @now, body = @body, version = version + 1 WHERE id = @id AND version = @version;");
        update.Parameters.AddWithValue("@status", RolloutStatuses.Word(plan.Status));
        update.Parameters.AddWithValue("@now", SqliteTime.Format(plan.UpdatedAt));
        update.Parameters.AddWithValue("@body", RolloutPlanJson.Serialize(saved));
        update.Parameters.AddWithValue("@id", plan.Id);
        update.Parameters.AddWithValue("@version", plan.Version);
        try
        {
            return await update.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : saved;
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == UniqueViolation)
        {
            throw new RolloutAlreadyActiveException(plan.Flag, plan.Environment);
        }
    }

    /// <inheritdoc />
    public async Task<RolloutPlan?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var plans = await QueryAsync("SELECT id, body, version FROM rollout_plans WHERE id = @id;", command => command.Parameters.AddWithValue("@id", id), cancellationToken);
        return plans.Count == 0 ? null : plans[0];
    }

    /// <inheritdoc />
    public async Task<RolloutPlan?> GetActiveAsync(string flag, string environment, CancellationToken cancellationToken = default)
    {
        var plans = await QueryAsync(
            "SELECT id, body, version FROM rollout_plans WHERE flag = @flag AND environment = @environment AND status IN ('running', 'paused', 'verifying');",
            command =>
            {
                command.Parameters.AddWithValue("@flag", flag);
                command.Parameters.AddWithValue("@environment", environment);
            },
            cancellationToken);
        return plans.Count == 0 ? null : plans[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RolloutPlan>> ListAsync(bool activeOnly, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = activeOnly ? " WHERE status IN ('running', 'paused', 'verifying')" : string.Empty;
        return QueryAsync($"SELECT id, body, version FROM rollout_plans{where} ORDER BY id DESC LIMIT @limit;", command => command.Parameters.AddWithValue("@limit", limit), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(long Id, DateTimeOffset OccurredAt)?> FindStepChangeAsync(string environment, string flag, string stepKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            "SELECT id, occurred_at FROM audit_events WHERE environment = @environment AND flag = @flag AND json_extract(details, '$.rollout_step') = @key ORDER BY id LIMIT 1;");
        command.Parameters.AddWithValue("@environment", environment);
        command.Parameters.AddWithValue("@flag", flag);
        command.Parameters.AddWithValue("@key", stepKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), SqliteTime.Parse(reader.GetString(1))) : null;
    }

    private async Task<IReadOnlyList<RolloutPlan>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plans = new List<RolloutPlan>();
        while (await reader.ReadAsync(cancellationToken))
        {
            plans.Add(RolloutPlanJson.Deserialize(reader.GetInt64(0), reader.GetString(1)) with { Version = reader.GetInt32(2) });
        }

        return plans;
    }
}
