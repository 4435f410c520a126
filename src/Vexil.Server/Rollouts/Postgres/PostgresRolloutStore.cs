using Npgsql;
using NpgsqlTypes;
using Vexil.Server.Storage.Postgres;

namespace Vexil.Server.Rollouts.Postgres;

/// <summary>Rollout plans in the PostgreSQL database that holds the flags, in the connection's current schema.</summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class PostgresRolloutStore(PostgresDatabase database, TimeProvider? time = null) : IRolloutStore
{
    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<RolloutPlan> CreateAsync(RolloutPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO rollout_plans (flag, environment, status, created_at, updated_at, body) VALUES (@flag, @environment, @status, @now, @now, '{}'::jsonb) RETURNING id;",
            connection,
            transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string>("flag", plan.Flag));
            insert.Parameters.Add(new NpgsqlParameter<string>("environment", plan.Environment));
            insert.Parameters.Add(new NpgsqlParameter<string>("status", RolloutStatuses.Word(plan.Status)));
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
            try
            {
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new RolloutAlreadyActiveException(plan.Flag, plan.Environment);
            }
        }

        var stored = plan with { Id = id, CreatedAt = now, UpdatedAt = now };
        await using (var body = new NpgsqlCommand("UPDATE rollout_plans SET body = @body WHERE id = @id;", connection, transaction))
        {
            body.Parameters.Add(new NpgsqlParameter<string>("body", RolloutPlanJson.Serialize(stored)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            body.Parameters.Add(new NpgsqlParameter<long>("id", id));
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
        await using var update = dataSource.CreateCommand("UPDATE rollout_plans SET status = @status, updated_at = @now, body = @body, version = version + 1 WHERE id = @id AND version = @version;");
        update.Parameters.Add(new NpgsqlParameter<string>("status", RolloutStatuses.Word(plan.Status)));
        update.Parameters.Add(new NpgsqlParameter<DateTime>("now", plan.UpdatedAt.UtcDateTime));
        update.Parameters.Add(new NpgsqlParameter<string>("body", RolloutPlanJson.Serialize(saved)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        update.Parameters.Add(new NpgsqlParameter<long>("id", plan.Id));
        update.Parameters.Add(new NpgsqlParameter<int>("version", plan.Version));
        try
        {
            return await update.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : saved;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new RolloutAlreadyActiveException(plan.Flag, plan.Environment);
        }
    }

    /// <inheritdoc />
    public async Task<RolloutPlan?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, body::text, version FROM rollout_plans WHERE id = @id;");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        var plans = await ReadAsync(command, cancellationToken);
        return plans.Count == 0 ? null : plans[0];
    }

    /// <inheritdoc />
    public async Task<RolloutPlan?> GetActiveAsync(string flag, string environment, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, body::text, version FROM rollout_plans WHERE flag = @flag AND environment = @environment AND status IN ('running', 'paused', 'verifying');");
        command.Parameters.Add(new NpgsqlParameter<string>("flag", flag));
        command.Parameters.Add(new NpgsqlParameter<string>("environment", environment));
        var plans = await ReadAsync(command, cancellationToken);
        return plans.Count == 0 ? null : plans[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutPlan>> ListAsync(bool activeOnly, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = activeOnly ? " WHERE status IN ('running', 'paused', 'verifying')" : string.Empty;
        await using var command = dataSource.CreateCommand($"SELECT id, body::text, version FROM rollout_plans{where} ORDER BY id DESC LIMIT @limit;");
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(long Id, DateTimeOffset OccurredAt)?> FindStepChangeAsync(string environment, string flag, string stepKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, occurred_at FROM audit_events WHERE environment = @environment AND flag = @flag AND details->>'rollout_step' = @key ORDER BY id LIMIT 1;");
        command.Parameters.Add(new NpgsqlParameter<string>("environment", environment));
        command.Parameters.Add(new NpgsqlParameter<string>("flag", flag));
        command.Parameters.Add(new NpgsqlParameter<string>("key", stepKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)))
            : null;
    }

    private static async Task<IReadOnlyList<RolloutPlan>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plans = new List<RolloutPlan>();
        while (await reader.ReadAsync(cancellationToken))
        {
            plans.Add(RolloutPlanJson.Deserialize(reader.GetInt64(0), reader.GetString(1)) with { Version = reader.GetInt32(2) });
        }

        return plans;
    }
}
