using System.Data.Common;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Deployments.Sqlite;

/// <summary>
/// Deployments in the SQLite file that holds the flags, through the shared <see cref="SqliteDatabase"/> handle. The
/// insert queues on the handle's write gate with every other writer of this process, as the other stores do.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
public sealed class SqliteDeploymentStore(SqliteDatabase database) : IDeploymentStore
{
    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public async Task<Deployment> RecordAsync(Deployment deployment, CancellationToken cancellationToken = default)
    {
        DeploymentArguments.Validate(deployment);
        var row = DeploymentArguments.Normalize(deployment);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, DeploymentSql.Insert);
        command.Parameters.AddWithValue("@environment", row.Environment);
        command.Parameters.AddWithValue("@sha", row.Sha);
        command.Parameters.AddWithValue("@ref", row.Ref);
        command.Parameters.AddWithValue("@status", DeploymentStatuses.ToText(row.Status));
        command.Parameters.AddWithValue("@finished_at", SqliteTime.Format(row.FinishedAt));
        command.Parameters.AddWithValue("@url", (object?)row.Url ?? DBNull.Value);
        command.Parameters.AddWithValue("@recorded_by", row.RecordedBy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    /// <inheritdoc />
    public async Task<Deployment?> GetLastSuccessfulAsync(string environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, DeploymentSql.LastSuccessful);
        command.Parameters.AddWithValue("@environment", environment);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<Deployment?> GetLastSuccessfulAtAsync(string environment, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, DeploymentSql.LastSuccessfulAt);
        command.Parameters.AddWithValue("@environment", environment);
        command.Parameters.AddWithValue("@at", SqliteTime.Format(at));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Deployment>> ListAsync(string? environment, string? sha, long? beforeId, int limit, CancellationToken cancellationToken = default)
    {
        DeploymentArguments.ValidateLimit(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, DeploymentSql.List(environment is not null, sha is not null, beforeId is not null));
        if (environment is not null)
        {
            command.Parameters.AddWithValue("@environment", environment);
        }

        if (sha is not null)
        {
            command.Parameters.AddWithValue("@sha", sha.ToLowerInvariant());
        }

        if (beforeId is { } before)
        {
            command.Parameters.AddWithValue("@before", before);
        }

        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, Read, cancellationToken);
    }

    private static Deployment Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DeploymentStatuses.FromStored(reader.GetString(4)),
        SqliteTime.Parse(reader.GetString(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetString(7));
}
