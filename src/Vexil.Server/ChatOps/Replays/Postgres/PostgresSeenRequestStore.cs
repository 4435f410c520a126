using Npgsql;
using NpgsqlTypes;
using Vexil.Server.Storage.Postgres;

namespace Vexil.Server.ChatOps.Replays.Postgres;

/// <summary>
/// Seen chat requests in the PostgreSQL database the flag store uses. One statement per request: the primary key
/// makes concurrent inserts of the same request from several servers wait for each other, and exactly one inserts.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class PostgresSeenRequestStore(PostgresDatabase database, TimeProvider? time = null) : ISeenRequestStore
{
    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Provider => "postgres";

    /// <inheritdoc />
    public async Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        SeenRequestRows.Validate(platform, key);

        // Two statements in one round trip: the clean-up first, so a row it removes is gone before the insert looks.
        // The store's clock, not the database's now(), like every other store: tests and servers judge time alike.
        await using var batch = dataSource.CreateBatch();
        var cleanup = new NpgsqlBatchCommand("DELETE FROM chat_seen_requests WHERE expires_at < @cutoff;");
        cleanup.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", (time.GetUtcNow() - SeenRequestRows.KeepAfterExpiry).ToUniversalTime()));
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO chat_seen_requests (platform, request_key, expires_at) VALUES (@platform, @key, @expires_at)
            ON CONFLICT (platform, request_key) DO NOTHING;
            """);
        insert.Parameters.Add(new NpgsqlParameter("platform", NpgsqlDbType.Text) { Value = platform });
        insert.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = key });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires_at", expiresAt.ToUniversalTime()));
        batch.BatchCommands.Add(cleanup);
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return insert.RecordsAffected == 1;
    }
}
