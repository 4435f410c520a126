using Microsoft.Data.Sqlite;

namespace Vexil.Server.Storage.Sqlite;

/// <summary>
/// Tokens in the SQLite file the flag store uses. Writes take the file's write lock up front (<c>BEGIN IMMEDIATE</c>)
/// and wait for another writer through the busy timeout, as the flag store's do; they are rare (a token made or
/// revoked, a batch of last-used times), so they need no queue of their own.
/// </summary>
public sealed class SqliteTokenStore : ITokenStore, IAsyncDisposable, IDisposable
{
    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {(int)SqliteFlagStore.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";

    private readonly string connectionString;
    private readonly TimeProvider time;

    /// <summary>Creates a store on the file a connection string names, e.g. <c>Data Source=data/vexil.db</c>.</summary>
    /// <exception cref="ArgumentException">The connection string names no file, or an in-memory database.</exception>
    public SqliteTokenStore(string connectionString, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException(
                "Vexil keeps its SQLite data in a file: set ConnectionStrings:Vexil to e.g. 'Data Source=data/vexil.db'.",
                nameof(connectionString));
        }

        builder.DefaultTimeout = SqliteFlagStore.RetrySeconds;
        this.connectionString = builder.ToString();
        this.time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public async Task<StoredToken> CreateAsync(NewToken token, CancellationToken cancellationToken = default)
    {
        TokenRows.Validate(token);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await InsertAsync(connection, transaction, token, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public async Task<StoredToken?> CreateIfNoneAsync(NewToken token, CancellationToken cancellationToken = default)
    {
        TokenRows.Validate(token);
        await using var connection = await OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE holds the file's write lock from the count to the insert: no other process can slip a token in.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var count = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM tokens);"))
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
        await using var connection = await OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {TokenRows.Columns} FROM tokens ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TokenRows.ReadAllAsync(reader, ReadTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredToken>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var revoke = Command(connection, transaction, "UPDATE tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL;"))
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

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var update = Command(
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

    /// <summary>Returns this store's pooled connections to the operating system.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<StoredToken> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, NewToken token, CancellationToken cancellationToken)
    {
        var createdAt = TokenRows.Microseconds(time.GetUtcNow());
        var expiresAt = token.ExpiresAt is { } expires ? TokenRows.Microseconds(expires) : (DateTimeOffset?)null;
        await using (var retire = Command(connection, transaction, TokenRows.RetireExpiredHoldersSql))
        {
            retire.Parameters.AddWithValue("@name", token.Name);
            retire.Parameters.AddWithValue("@now", SqliteTime.Format(createdAt));
            await retire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = Command(
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
            await using var holder = Command(connection, transaction, TokenRows.ActiveHolderSql);
            holder.Parameters.AddWithValue("@name", token.Name);
            throw new TokenNameTakenException(token.Name, await holder.ExecuteScalarAsync(cancellationToken) as long?);
        }

        return new StoredToken(id, token.Name, token.Kind, [.. token.Environments], token.Hash, token.CreatedBy, createdAt, null, expiresAt, null);
    }

    private static async Task<StoredToken?> GetAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {TokenRows.Columns} FROM tokens WHERE id = @id;");
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TokenRows.Read(reader, ReadTime) : null;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DateTimeOffset ReadTime(System.Data.Common.DbDataReader reader, int ordinal) => SqliteTime.Parse(reader.GetString(ordinal));
}
