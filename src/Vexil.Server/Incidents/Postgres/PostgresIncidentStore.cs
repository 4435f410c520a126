using System.Data;
using System.Data.Common;
using System.Text.Json;
using Npgsql;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using NpgsqlTypes;

namespace Vexil.Server.Incidents.Postgres;

/// <summary>Incidents and change locks in the PostgreSQL database that holds the flags, in the connection's current schema.</summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class PostgresIncidentStore(PostgresDatabase database, TimeProvider? time = null) : IIncidentStore
{
    private const string IncidentColumns = "id, title, severity, opened_by, opened_at, closed_by, closed_at";
    private const string ChangeLockColumns = "id, reason, starts_at, ends_at, environments::text, created_by, created_at";

    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<Incident> OpenIncidentAsync(string title, int severity, string openedBy, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateIncident(title, severity, openedBy);
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO incidents (title, severity, opened_by, opened_at) VALUES (@title, @severity, @by, @now) RETURNING {IncidentColumns};");
        command.Parameters.Add(Text("title", title.Trim()));
        command.Parameters.Add(new NpgsqlParameter<int>("severity", severity));
        command.Parameters.Add(Text("by", openedBy.Trim()));
        command.Parameters.Add(Time("now", Now()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadIncident(reader);
    }

    /// <inheritdoc />
    public async Task<Incident?> CloseIncidentAsync(long id, string closedBy, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateCloser(closedBy);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        // The update locks the row; the select after it then reads the row as it ended up, whoever closed it.
        await using (var close = new NpgsqlCommand(
            "UPDATE incidents SET closed_by = @by, closed_at = @now WHERE id = @id AND closed_at IS NULL;",
            connection,
            transaction))
        {
            close.Parameters.Add(new NpgsqlParameter<long>("id", id));
            close.Parameters.Add(Text("by", closedBy.Trim()));
            close.Parameters.Add(Time("now", Now()));
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        Incident? incident;
        await using (var read = new NpgsqlCommand($"SELECT {IncidentColumns} FROM incidents WHERE id = @id;", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<long>("id", id));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            incident = await reader.ReadAsync(cancellationToken) ? ReadIncident(reader) : null;
        }

        await transaction.CommitAsync(cancellationToken);
        return incident;
    }

    /// <inheritdoc />
    public async Task<Incident?> GetIncidentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {IncidentColumns} FROM incidents WHERE id = @id;");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadIncident(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {IncidentColumns} FROM incidents{(includeClosed ? string.Empty : " WHERE closed_at IS NULL")} ORDER BY opened_at DESC, id DESC;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, ReadIncident, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ChangeLock> AddChangeLockAsync(NewChangeLock changeLock, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateChangeLock(changeLock);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO change_locks (reason, starts_at, ends_at, environments, created_by, created_at)
            VALUES (@reason, @starts, @ends, @environments, @by, @now)
            RETURNING {ChangeLockColumns};
            """);
        command.Parameters.Add(Text("reason", changeLock.Reason.Trim()));
        command.Parameters.Add(Time("starts", IncidentArguments.Microseconds(changeLock.StartsAt)));
        command.Parameters.Add(Time("ends", IncidentArguments.Microseconds(changeLock.EndsAt)));
        command.Parameters.Add(new NpgsqlParameter("environments", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(changeLock.Environments) });
        command.Parameters.Add(Text("by", changeLock.CreatedBy.Trim()));
        command.Parameters.Add(Time("now", Now()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadChangeLock(reader);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveChangeLockAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM change_locks WHERE id = @id;");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeLock>> ListChangeLocksAsync(DateTimeOffset? endingAfter = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {ChangeLockColumns} FROM change_locks{(endingAfter is null ? string.Empty : " WHERE ends_at > @after")} ORDER BY starts_at, id;");
        if (endingAfter is { } after)
        {
            command.Parameters.Add(Time("after", IncidentArguments.Microseconds(after)));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, ReadChangeLock, cancellationToken);
    }


    private DateTimeOffset Now() => IncidentArguments.Microseconds(time.GetUtcNow());

    private static Incident ReadIncident(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));

    private static ChangeLock ReadChangeLock(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
        reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6));

    private static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };

    private static NpgsqlParameter Time(string name, DateTimeOffset value) => new NpgsqlParameter<DateTimeOffset>(name, value.ToUniversalTime());
}
