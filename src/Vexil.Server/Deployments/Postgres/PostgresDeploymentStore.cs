using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;

namespace Vexil.Server.Deployments.Postgres;

/// <summary>Deployments in the PostgreSQL database that holds the flags, in the connection's current schema.</summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
public sealed class PostgresDeploymentStore(PostgresDatabase database) : IDeploymentStore
{
    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;

    /// <inheritdoc />
    public async Task<Deployment> RecordAsync(Deployment deployment, CancellationToken cancellationToken = default)
    {
        DeploymentArguments.Validate(deployment);
        var row = DeploymentArguments.Normalize(deployment);
        await using var command = dataSource.CreateCommand(DeploymentSql.Insert);
        command.Parameters.Add(Text("environment", row.Environment));
        command.Parameters.Add(Text("sha", row.Sha));
        command.Parameters.Add(Text("ref", row.Ref));
        command.Parameters.Add(Text("status", DeploymentStatuses.ToText(row.Status)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("finished_at", row.FinishedAt));
        command.Parameters.Add(new NpgsqlParameter("url", NpgsqlDbType.Text) { Value = (object?)row.Url ?? DBNull.Value });
        command.Parameters.Add(Text("recorded_by", row.RecordedBy));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    /// <inheritdoc />
    public async Task<Deployment?> GetLastSuccessfulAsync(string environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await using var command = dataSource.CreateCommand(DeploymentSql.LastSuccessful);
        command.Parameters.Add(Text("environment", environment));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<Deployment?> GetLastSuccessfulAtAsync(string environment, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await using var command = dataSource.CreateCommand(DeploymentSql.LastSuccessfulAt);
        command.Parameters.Add(Text("environment", environment));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at.ToUniversalTime()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Deployment>> ListAsync(string? environment, string? sha, long? beforeId, int limit, CancellationToken cancellationToken = default)
    {
        DeploymentArguments.ValidateLimit(limit);
        await using var command = dataSource.CreateCommand(DeploymentSql.List(environment is not null, sha is not null, beforeId is not null));
        if (environment is not null)
        {
            command.Parameters.Add(Text("environment", environment));
        }

        if (sha is not null)
        {
            command.Parameters.Add(Text("sha", sha.ToLowerInvariant()));
        }

        if (beforeId is { } before)
        {
            command.Parameters.Add(new NpgsqlParameter<long>("before", before));
        }

        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, Read, cancellationToken);
    }

    private static Deployment Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DeploymentStatuses.FromStored(reader.GetString(4)),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetString(7));

    private static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };
}
