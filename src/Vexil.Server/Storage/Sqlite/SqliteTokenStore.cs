using Microsoft.Data.Sqlite;

namespace Vexil.Server.Storage.Sqlite;

/// <summary>
/// Tokens in the SQLite file the flag store uses, through the shared <see cref="SqliteDatabase"/> handle. Writes queue on
/// the handle's write gate with every other writer of this process, then take the file's write lock up front
/// (<c>BEGIN IMMEDIATE</c>) and wait for another process through the busy timeout.
/// </summary>
/// <param name="database">The handle every store of the process shares; the store does not own it.</param>
/// <param name="time">The clock that stamps rows.</param>
public sealed class SqliteTokenStore(SqliteDatabase database, TimeProvider? time = null) : ITokenStore
{
    private readonly SqliteDatabase database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public async Task<StoredToken> CreateAsync(NewToken token, CancellationToken cancellationToken = default)
    {
        TokenRows.Validate(token);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await InsertAsync(connection, transaction, token, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public async Task<StoredToken?> CreateIfNoneAsync(NewToken token, CancellationToken cancellationToken = default)
    {
        TokenRows.Validate(token);
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE holds the file's write lock from the count to the insert: no other process can slip a token in.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var count = SqliteDatabase.Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM tokens);"))
        {
            if (await count.ExecuteScalarAsync(cancellationToken) is long and not 0)
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
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(connection, null, $"SELECT {TokenRows.Columns} FROM tokens ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TokenRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredToken>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteDatabase.Command(
            connection,
            null,
            $"SELECT {TokenRows.Columns} FROM tokens WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now) ORDER BY id;");
        command.Parameters.AddWithValue("@now", SqliteTime.Format(time.GetUtcNow()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TokenRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredToken?> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var revoke = SqliteDatabase.Command(connection, transaction, "UPDATE tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL;"))
        {
            revoke.Parameters.AddWithValue("@now", SqliteTime.Format(TokenRows.Microseconds(time.GetUtcNow())));
            revoke.Parameters.AddWithValue("@id", id);
            await revoke.ExecuteNonQueryAsync(cancellationToken);
        }

        var token = await GetAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <inheritdoc />
    public async Task RecordUseAsync(IReadOnlyCollection<TokenUse> uses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uses);
        if (uses.Count == 0)
        {
            return;
        }

        using var gate = await database.EnterWriteGateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var update = SqliteDatabase.Command(
            connection,
            transaction,
            "UPDATE tokens SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at);");
        var id = update.Parameters.Add("@id", SqliteType.Integer);
        var at = update.Parameters.Add("@at", SqliteType.Text);
        foreach (var use in uses)
        {
            id.Value = use.TokenId;
            at.Value = SqliteTime.Format(TokenRows.Microseconds(use.UsedAt));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<StoredToken> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, NewToken token, CancellationToken cancellationToken)
    {
        var createdAt = TokenRows.Microseconds(time.GetUtcNow());
        var expiresAt = token.ExpiresAt is { } expires ? TokenRows.Microseconds(expires) : (DateTimeOffset?)null;
        await using (var retire = SqliteDatabase.Command(connection, transaction, TokenRows.RetireExpiredHoldersSql))
        {
            retire.Parameters.AddWithValue("@name", token.Name);
            retire.Parameters.AddWithValue("@now", SqliteTime.Format(createdAt));
            await retire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = SqliteDatabase.Command(
            connection,
            transaction,
            """
            INSERT INTO tokens (name, kind, token_hash, environments, created_by, created_at, expires_at)
            VALUES (@name, @kind, @hash, @environments, @created_by, @created_at, @expires_at)
            RETURNING id;
            """);
        insert.Parameters.AddWithValue("@name", token.Name);
        insert.Parameters.AddWithValue("@kind", TokenKinds.ToText(token.Kind));
        insert.Parameters.AddWithValue("@hash", token.Hash);
        insert.Parameters.AddWithValue("@environments", TokenRows.EnvironmentsJson(token.Environments));
        insert.Parameters.AddWithValue("@created_by", token.CreatedBy);
        insert.Parameters.AddWithValue("@created_at", SqliteTime.Format(createdAt));
        insert.Parameters.AddWithValue("@expires_at", expiresAt is { } value ? SqliteTime.Format(value) : DBNull.Value);
        long id;
        try
        {
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException exception) when (exception.Message.Contains(TokenRows.ActiveNameIndex, StringComparison.Ordinal))
        {
            // The write lock is still held: the holder read here is the one that refused the insert.
            await using var holder = SqliteDatabase.Command(connection, transaction, TokenRows.ActiveHolderSql);
            holder.Parameters.AddWithValue("@name", token.Name);
            throw new TokenNameTakenException(token.Name, await holder.ExecuteScalarAsync(cancellationToken) as long?);
        }

        return new StoredToken(id, token.Name, token.Kind, [.. token.Environments], token.Hash, token.CreatedBy, createdAt, null, expiresAt, null);
    }

    private static async Task<StoredToken?> GetAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, $"SELECT {TokenRows.Columns} FROM tokens WHERE id = @id;");
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TokenRows.Read(reader, ReadTime) : null;
    }

    private static DateTimeOffset ReadTime(System.Data.Common.DbDataReader reader, int ordinal) => SqliteTime.Parse(reader.GetString(ordinal));
}
