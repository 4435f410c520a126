using Microsoft.Data.Sqlite;
using Vexil.Server.Storage.Sqlite;

namespace Vexil.Server.ChatOps.Replays.Sqlite;

/// <summary>
/// Seen chat requests in the SQLite file that holds the flags. The insert takes the file's write lock up front
/// (<c>BEGIN IMMEDIATE</c>), so processes sharing the file record a request one at a time, and the primary key decides
/// which one was first.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class SqliteSeenRequestStore(SqliteDatabase database, TimeProvider? time = null) : ISeenRequestStore
{
    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public async Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        SeenRequestRows.Validate(platform, key);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);

        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var cleanup = SqliteDatabase.Command(connection, transaction, "DELETE FROM chat_seen_requests WHERE expires_at < @cutoff;"))
        {
            cleanup.Parameters.AddWithValue("@cutoff", SqliteTime.Format(time.GetUtcNow() - SeenRequestRows.KeepAfterExpiry));
            await cleanup.ExecuteNonQueryAsync(cancellationToken);
        }

        // RETURNING yields a row only when the insert happened: none means the request was recorded before.
        await using var insert = SqliteDatabase.Command(
            connection,
            transaction,
            """
            INSERT INTO chat_seen_requests (platform, request_key, expires_at) VALUES (@platform, @key, @expires_at)
            ON CONFLICT (platform, request_key) DO NOTHING
            RETURNING 1;
            """);
        insert.Parameters.AddWithValue("@platform", platform);
        insert.Parameters.AddWithValue("@key", key);
        insert.Parameters.AddWithValue("@expires_at", SqliteTime.Format(expiresAt));
        var inserted = await insert.ExecuteScalarAsync(cancellationToken) is not null;
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }
}
