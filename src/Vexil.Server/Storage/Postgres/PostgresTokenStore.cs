using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Vexil.Server.Storage.Postgres;

/// <summary>
/// Tokens in the PostgreSQL database the flag store uses, in the connection's current schema. Every server of a
/// deployment reads them from here, so a token made or revoked on one is seen by the others at their next refresh.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class PostgresTokenStore(PostgresDatabase database, TimeProvider? time = null) : ITokenStore, ITokenRevocationSignal
{
    /// <summary>The LISTEN/NOTIFY channel on which each revocation names the token's id.</summary>
    public const string RevocationChannel = "vexil_token_revocations";

    private readonly NpgsqlDataSource dataSource = (database ?? throw new ArgumentNullException(nameof(database))).DataSource;
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Provider => StorageOptions.Postgres;

    /// <inheritdoc />
    public async Task<StoredToken> CreateAsync(NewToken token, CancellationToken cancellationToken = default)
    {
        TokenRows.Validate(token);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var stored = await InsertAsync(connection, transaction, token, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public async Task<StoredToken?> CreateIfNoneAsync(NewToken token, CancellationToken cancellationToken = default)
    {
        TokenRows.Validate(token);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        // The lock admits one inserter at a time but lets reads go on; a second server starting on the same empty
        // database waits here and then finds the first one's token.
        await using (var check = new NpgsqlCommand("LOCK TABLE tokens IN SHARE ROW EXCLUSIVE MODE; SELECT EXISTS (SELECT 1 FROM tokens);", connection, transaction))
        {
            if (await check.ExecuteScalarAsync(cancellationToken) is true)
            {
                return null;
            }
        }

        var stored = await InsertAsync(connection, transaction, token, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public async Task<StoredToken?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {TokenRows.Columns} FROM tokens WHERE id = @id;");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TokenRows.Read(reader, ReadTime) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {TokenRows.Columns} FROM tokens ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TokenRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredToken>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        // The store's clock, not the database's now(): every server and test judges expiry by the same clock.
        await using var command = dataSource.CreateCommand(
            $"SELECT {TokenRows.Columns} FROM tokens WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now) ORDER BY id;");
        command.Parameters.Add(Time("now", time.GetUtcNow()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TokenRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredToken?> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        // One statement: revoke if not yet revoked, then read the row either way; the CTE's update is visible to the
        // outer query only through RETURNING, hence the union with the untouched row. The notification is sent only
        // if the statement commits, and tells the other servers to refuse the token at once rather than at their next
        // reload (sent again when revoking twice: harmless, and it repairs a signal an earlier listener missed).
        await using var command = dataSource.CreateCommand(
            $"""
            WITH revoked AS (
                UPDATE tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL
                RETURNING {TokenRows.Columns}
            ),
            answer AS (
                SELECT {TokenRows.Columns} FROM revoked
                UNION ALL
                SELECT {TokenRows.Columns} FROM tokens WHERE id = @id AND NOT EXISTS (SELECT 1 FROM revoked)
            )
            SELECT answer.* FROM answer CROSS JOIN LATERAL (SELECT pg_notify(@channel, answer.id::text)) AS notify;
            """);
        command.Parameters.Add(Text("channel", RevocationChannel));
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        command.Parameters.Add(Time("now", TokenRows.Microseconds(time.GetUtcNow())));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TokenRows.Read(reader, ReadTime) : null;
    }

    /// <inheritdoc />
    public async Task RecordUseAsync(IReadOnlyCollection<TokenUse> uses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uses);
        if (uses.Count == 0)
        {
            return;
        }

        // One statement for the whole batch: the ids and times travel as two arrays and are zipped by unnest.
        await using var command = dataSource.CreateCommand(
            """
            UPDATE tokens AS t SET last_used_at = u.used_at
            FROM unnest(@ids, @used_at) AS u(id, used_at)
            WHERE t.id = u.id AND (t.last_used_at IS NULL OR t.last_used_at < u.used_at);
            """);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", uses.Select(use => use.TokenId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("used_at", uses.Select(use => TokenRows.Microseconds(use.UsedAt)).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<long> ListenForRevocationsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var received = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => received.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {RevocationChannel};", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            // WaitAsync returns after one or more notifications were delivered to the handler above.
            await connection.WaitAsync(cancellationToken);
            while (received.Reader.TryRead(out var payload))
            {
                if (long.TryParse(payload, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    yield return id;
                }
            }
        }
    }


    private async Task<StoredToken> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewToken token, CancellationToken cancellationToken)
    {
        var createdAt = TokenRows.Microseconds(time.GetUtcNow());
        var expiresAt = token.ExpiresAt is { } expires ? TokenRows.Microseconds(expires) : (DateTimeOffset?)null;
        await using (var retire = new NpgsqlCommand(TokenRows.RetireExpiredHoldersSql, connection, transaction))
        {
            retire.Parameters.Add(Text("name", token.Name));
            retire.Parameters.Add(Time("now", createdAt));
            await retire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO tokens (name, kind, token_hash, environments, created_by, created_at, expires_at)
            VALUES (@name, @kind, @hash, @environments, @created_by, @created_at, @expires_at)
            RETURNING id;
            """,
            connection,
            transaction);
        insert.Parameters.Add(Text("name", token.Name));
        insert.Parameters.Add(Text("kind", TokenKinds.ToText(token.Kind)));
        insert.Parameters.Add(Text("hash", token.Hash));
        insert.Parameters.Add(new NpgsqlParameter("environments", NpgsqlDbType.Jsonb) { Value = TokenRows.EnvironmentsJson(token.Environments) });
        insert.Parameters.Add(Text("created_by", token.CreatedBy));
        insert.Parameters.Add(Time("created_at", createdAt));
        insert.Parameters.Add(new NpgsqlParameter("expires_at", NpgsqlDbType.TimestampTz) { Value = expiresAt is { } value ? value : DBNull.Value });
        long id;
        try
        {
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == TokenRows.ActiveNameIndex)
        {
            // The failed insert ended the transaction; the holder is read afterwards, outside it, for the message only.
            await transaction.RollbackAsync(CancellationToken.None);
            await using var holder = new NpgsqlCommand(TokenRows.ActiveHolderSql, connection);
            holder.Parameters.Add(Text("name", token.Name));
            throw new TokenNameTakenException(token.Name, await holder.ExecuteScalarAsync(cancellationToken) as long?);
        }

        return new StoredToken(id, token.Name, token.Kind, [.. token.Environments], token.Hash, token.CreatedBy, createdAt, null, expiresAt, null);
    }

    private static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };

    private static NpgsqlParameter Time(string name, DateTimeOffset value) => new NpgsqlParameter<DateTimeOffset>(name, value.ToUniversalTime());

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
