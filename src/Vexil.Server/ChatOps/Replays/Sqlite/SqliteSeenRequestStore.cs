using Microsoft.Data.Sqlite;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.ChatOps.Replays.Sqlite;

/// <summary>
/// Seen chat requests in the SQLite file that holds the flags. The insert takes the file's write lock up front
/// (<c>BEGIN IMMEDIATE</c>), so processes sharing the file record a request one at a time, and the primary key decides
/// which one was first.
/// </summary>
public sealed class SqliteSeenRequestStore : ISeenRequestStore, IDisposable
{
    private readonly string connectionString;
    private readonly TimeProvider time;

    /// <summary>Creates a store on the file a connection string names, e.g. <c>Data Source=data/vexil.db</c>.</summary>
    public SqliteSeenRequestStore(string connectionString, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // The same bounded wait as every SQLite store: a locked file must not hold a Slack request past its 3 s budget.
        builder.DefaultTimeout = SqliteFlagStore.RetrySeconds;
        this.connectionString = builder.ToString();
        this.time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public async Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        SeenRequestRows.Validate(platform, key);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA busy_timeout = {(int)SqliteFlagStore.BusyTimeout.TotalMilliseconds};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var cleanup = connection.CreateCommand())
        {
            cleanup.Transaction = transaction;
            cleanup.CommandText = "DELETE FROM chat_seen_requests WHERE expires_at < @cutoff;";
            cleanup.Parameters.AddWithValue("@cutoff", SqliteTime.Format(time.GetUtcNow() - SeenRequestRows.KeepAfterExpiry));
            await cleanup.ExecuteNonQueryAsync(cancellationToken);
        }

        // RETURNING yields a row only when the insert happened: none means the request was recorded before.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO chat_seen_requests (platform, request_key, expires_at) VALUES (@platform, @key, @expires_at)
            ON CONFLICT (platform, request_key) DO NOTHING
            RETURNING 1;
            """;
        insert.Parameters.AddWithValue("@platform", platform);
        insert.Parameters.AddWithValue("@key", key);
        insert.Parameters.AddWithValue("@expires_at", SqliteTime.Format(expiresAt));
        var inserted = await insert.ExecuteScalarAsync(cancellationToken) is not null;
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>Returns this store's pooled connections to the operating system.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
