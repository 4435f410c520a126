using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.Incidents.Sqlite;

/// <summary>
/// Incidents and change locks in the SQLite file that holds the flags. Writes take the file's write lock up front
/// (<c>BEGIN IMMEDIATE</c>) and wait for another writer as the flag store does, so the two stores share the file.
/// </summary>
public sealed class SqliteIncidentStore : IIncidentStore, IDisposable
{
    private const string IncidentColumns = "id, title, severity, opened_by, opened_at, closed_by, closed_at";
    private const string ChangeLockColumns = "id, reason, starts_at, ends_at, environments, created_by, created_at";

    private readonly string connectionString;
    private readonly TimeProvider time;

    /// <summary>Creates a store on the file a connection string names, e.g. <c>Data Source=data/vexil.db</c>.</summary>
    public SqliteIncidentStore(string connectionString, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        builder.DefaultTimeout = SqliteFlagStore.RetrySeconds;
        this.connectionString = builder.ToString();
        this.time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<Incident> OpenIncidentAsync(string title, int severity, string openedBy, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateIncident(title, severity, openedBy);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var close = Command(
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
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadIncidentAsync(connection, null, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            $"SELECT {IncidentColumns} FROM incidents{(includeClosed ? string.Empty : " WHERE closed_at IS NULL")} ORDER BY opened_at DESC, id DESC;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(ReadIncident(reader));
        }

        return incidents;
    }

    /// <inheritdoc />
    public async Task<ChangeLock> AddChangeLockAsync(NewChangeLock changeLock, CancellationToken cancellationToken = default)
    {
        IncidentArguments.ValidateChangeLock(changeLock);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM change_locks WHERE id = @id;");
        command.Parameters.AddWithValue("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeLock>> ListChangeLocksAsync(DateTimeOffset? endingAfter = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            $"SELECT {ChangeLockColumns} FROM change_locks{(endingAfter is null ? string.Empty : " WHERE ends_at > @after")} ORDER BY starts_at, id;");
        if (endingAfter is { } after)
        {
            command.Parameters.AddWithValue("@after", SqliteTime.Format(IncidentArguments.Microseconds(after)));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var locks = new List<ChangeLock>();
        while (await reader.ReadAsync(cancellationToken))
        {
            locks.Add(ReadChangeLock(reader));
        }

        return locks;
    }

    /// <summary>Returns this store's pooled connections.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private DateTimeOffset Now() => IncidentArguments.Microseconds(time.GetUtcNow());

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {(int)SqliteFlagStore.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<Incident?> ReadIncidentAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {IncidentColumns} FROM incidents WHERE id = @id;");
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

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
