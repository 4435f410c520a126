using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Incidents.Sqlite;

/// <summary>
/// Incidents and change locks in the SQLite file that holds the flags, through the shared
/// <see cref="SqliteDatabase"/> handle. Writes queue on the
/// handle's write gate with every other writer of this process, then take the file's write lock up front
/// (<c>BEGIN IMMEDIATE</c>) and wait for another writer as the flag store does, so the two stores share the file.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class SqliteIncidentStore(SqliteDatabase database, TimeProvider? time = null) : IIncidentStore
{
    private const string IncidentColumns = "id, title, severity, opened_by, opened_at, closed_by, closed_at";
    private const string ChangeLockColumns = "id, reason, starts_at, ends_at, environments, created_by, created_at";

    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<Incident> OpenIncidentAsync(string title, int severity, string openedBy, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateIncident(title, severity, openedBy);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"INSERT INTO incidents (title, severity, opened_by, opened_at) VALUES (@title, @severity, @by, @now) RETURNING {IncidentColumns};");
        command.Parameters.AddWithValue("@title", title.Trim());
        command.Parameters.AddWithValue("@severity", severity);
        command.Parameters.AddWithValue("@by", openedBy.Trim());
        command.Parameters.AddWithValue("@now", SqliteTime.Format(Now()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadIncident(reader);
    }

    /// <inheritdoc />
    public async Task<Incident?> CloseIncidentAsync(long id, string closedBy, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateCloser(closedBy);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var close = SqliteDatabase.Command(
            connection,
            transaction,
            "UPDATE incidents SET closed_by = @by, closed_at = @now WHERE id = @id AND closed_at IS NULL;"))
        {
            close.Parameters.AddWithValue("@id", id);
            close.Parameters.AddWithValue("@by", closedBy.Trim());
            close.Parameters.AddWithValue("@now", SqliteTime.Format(Now()));
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        var incident = await ReadIncidentAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return incident;
    }

    /// <inheritdoc />
    public async Task<Incident?> GetIncidentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadIncidentAsync(connection, null, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"SELECT {IncidentColumns} FROM incidents{(includeClosed ? string.Empty : " WHERE closed_at IS NULL")} ORDER BY opened_at DESC, id DESC;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, ReadIncident, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ChangeLock> AddChangeLockAsync(NewChangeLock changeLock, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateChangeLock(changeLock);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"""
            INSERT INTO change_locks (reason, starts_at, ends_at, environments, created_by, created_at)
            VALUES (@reason, @starts, @ends, @environments, @by, @now)
            RETURNING {ChangeLockColumns};
            """);
        command.Parameters.AddWithValue("@reason", changeLock.Reason.Trim());
        command.Parameters.AddWithValue("@starts", SqliteTime.Format(IncidentArguments.Microseconds(changeLock.StartsAt)));
        command.Parameters.AddWithValue("@ends", SqliteTime.Format(IncidentArguments.Microseconds(changeLock.EndsAt)));
        command.Parameters.AddWithValue("@environments", JsonSerializer.Serialize(changeLock.Environments));
        command.Parameters.AddWithValue("@by", changeLock.CreatedBy.Trim());
        command.Parameters.AddWithValue("@now", SqliteTime.Format(Now()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadChangeLock(reader);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveChangeLockAsync(long id, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, "DELETE FROM change_locks WHERE id = @id;");
        command.Parameters.AddWithValue("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeLock>> ListChangeLocksAsync(DateTimeOffset? endingAfter = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"SELECT {ChangeLockColumns} FROM change_locks{(endingAfter is null ? string.Empty : " WHERE ends_at > @after")} ORDER BY starts_at, id;");
        if (endingAfter is { } after)
        {
            command.Parameters.AddWithValue("@after", SqliteTime.Format(IncidentArguments.Microseconds(after)));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoreRows.ReadAllAsync(reader, ReadChangeLock, cancellationToken);
    }

    private DateTimeOffset Now() => IncidentArguments.Microseconds(time.GetUtcNow());

    private static async Task<Incident?> ReadIncidentAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, $"SELECT {IncidentColumns} FROM incidents WHERE id = @id;");
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadIncident(reader) : null;
    }

    private static Incident ReadIncident(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        SqliteTime.Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : SqliteTime.Parse(reader.GetString(6)));

    private static ChangeLock ReadChangeLock(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        SqliteTime.Parse(reader.GetString(2)),
        SqliteTime.Parse(reader.GetString(3)),
        JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
        reader.GetString(5),
        SqliteTime.Parse(reader.GetString(6)));
}
