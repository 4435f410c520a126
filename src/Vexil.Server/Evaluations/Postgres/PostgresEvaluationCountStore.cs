using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;

namespace Vexil.Server.Evaluations.Postgres;

/// <summary>
/// Evaluation counts in the PostgreSQL database that holds the flags. A report is one statement: the increments go in
/// as arrays and one upsert adds them, so concurrent reports from many SDK instances add up without lost updates.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
public sealed class PostgresEvaluationCountStore(PostgresDatabase database) : IEvaluationCountStore
{
    private const string Columns = "environment, flag, last_evaluated_at, true_count, false_count";

    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;

    /// <inheritdoc />
    public async Task RecordAsync(string environment, IReadOnlyList<EvaluationCountIncrement> increments, DateTimeOffset evaluatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentNullException.ThrowIfNull(increments);
        if (increments.Count == 0)
        {
            return;
        }

        // Sorted by flag so that two reports touching the same rows lock them in the same order (no deadlock).
        var sorted = increments.OrderBy(increment => increment.Flag, StringComparer.Ordinal).ToArray();
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO flag_evaluations (environment, flag, true_count, false_count, last_evaluated_at)
            SELECT @environment, report.flag, report.true_count, report.false_count, @at
            FROM unnest(@flags, @trues, @falses) AS report (flag, true_count, false_count)
            ON CONFLICT (environment, flag) DO UPDATE SET
                true_count = flag_evaluations.true_count + excluded.true_count,
                false_count = flag_evaluations.false_count + excluded.false_count,
                last_evaluated_at = GREATEST(flag_evaluations.last_evaluated_at, excluded.last_evaluated_at);
            """);
        command.Parameters.Add(new NpgsqlParameter("environment", NpgsqlDbType.Text) { Value = environment });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", evaluatedAt.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("flags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sorted.Select(i => i.Flag).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("trues", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = sorted.Select(i => i.TrueCount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("falses", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = sorted.Select(i => i.FalseCount).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagEvaluationCounts>> GetAsync(string flag, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM flag_evaluations WHERE flag = @key ORDER BY environment COLLATE \"C\";", flag, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagEvaluationCounts>> ListAsync(string environment, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM flag_evaluations WHERE environment = @key ORDER BY flag COLLATE \"C\";", environment, cancellationToken);

    private async Task<IReadOnlyList<FlagEvaluationCounts>> QueryAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = key });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);
        return await StoreRows.ReadAllAsync(reader, Read, cancellationToken);
    }

    private static FlagEvaluationCounts Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3), reader.GetInt64(4));
}
