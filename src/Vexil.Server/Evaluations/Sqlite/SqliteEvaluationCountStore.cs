using System.Data.Common;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Evaluations.Sqlite;

/// <summary>
/// Evaluation counts in the SQLite file that holds the flags. A report is one upsert per flag in one transaction,
/// queued on the handle's write gate with every other writer of the process.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
public sealed class SqliteEvaluationCountStore(SqliteDatabase database) : IEvaluationCountStore
{
    private const string Columns = "environment, flag, last_evaluated_at, true_count, false_count";

    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public async Task RecordAsync(string environment, IReadOnlyList<EvaluationCountIncrement> increments, DateTimeOffset evaluatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentNullException.ThrowIfNull(increments);
        if (increments.Count == 0)
        {
            return;
        }

        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = SqliteDatabase.Command(
            connection,
            transaction,
            """
            INSERT INTO flag_evaluations (environment, flag, true_count, false_count, last_evaluated_at)
            VALUES (@environment, @flag, @true, @false, @at)
            ON CONFLICT (environment, flag) DO UPDATE SET
                true_count = true_count + excluded.true_count,
                false_count = false_count + excluded.false_count,
                last_evaluated_at = max(last_evaluated_at, excluded.last_evaluated_at);
            """);
        var flag = command.Parameters.AddWithValue("@flag", string.Empty);
        var trueCount = command.Parameters.AddWithValue("@true", 0L);
        var falseCount = command.Parameters.AddWithValue("@false", 0L);
        command.Parameters.AddWithValue("@environment", environment);
        command.Parameters.AddWithValue("@at", SqliteTime.Format(evaluatedAt));
        foreach (var increment in increments)
        {
            flag.Value = increment.Flag;
            trueCount.Value = increment.TrueCount;
            falseCount.Value = increment.FalseCount;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagEvaluationCounts>> GetAsync(string flag, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM flag_evaluations WHERE flag = @key ORDER BY environment;", flag, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagEvaluationCounts>> ListAsync(string environment, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM flag_evaluations WHERE environment = @key ORDER BY flag;", environment, cancellationToken);

    private async Task<IReadOnlyList<FlagEvaluationCounts>> QueryAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, sql);
        command.Parameters.AddWithValue("@key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, Read, cancellationToken);
    }

    private static FlagEvaluationCounts Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), SqliteTime.Parse(reader.GetString(2)), reader.GetInt64(3), reader.GetInt64(4));
}
