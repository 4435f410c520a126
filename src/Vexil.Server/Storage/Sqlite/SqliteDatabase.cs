using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Vexil.Server.Storage.Migrations;

namespace Vexil.Server.Storage.Sqlite;

/// <summary>
/// The one handle on Vexil's SQLite file, shared by every store that keeps data in it (flags, tokens, incidents,
/// deliveries, seen chat requests). It owns what must be the same for all of them: the connection string and its
/// settings, the per-connection pragmas, the 0600 file creation, WAL mode, and the in-process write gate. One handle per
/// process: two handles on the same file behave like two processes (they serialize on the file lock, not the gate).
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// How long a writer waits for another process's lock on the file before giving up: 2 s, within
    /// <see cref="Outages.StoreCall.Deadline"/>, so a locked file answers 503 ("locked by another process") in time
    /// rather than leaving a write waiting that could still land after the caller was told it failed. Writers of this
    /// process never wait on the file lock for each other: they queue on the write gate first.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Microsoft.Data.Sqlite's <c>Default Timeout</c> (seconds): it retries a busy statement until this has passed,
    /// counting the native <see cref="BusyTimeout"/> wait, so equal to it the whole wait stays at <see cref="BusyTimeout"/>.
    /// Set whatever the connection string says, since a longer one would break the 5 s promise of a write.
    /// </summary>
    public const int RetrySeconds = 2;

    private const int SqliteNotADatabase = 26;

    // Run on every connection we open: they are per-connection settings, and a pooled connection may be new.
    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";

    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate = new(1, 1);

    /// <summary>Creates the handle on the file a connection string names, e.g. <c>Data Source=data/vexil.db</c>; opens nothing.</summary>
    /// <exception cref="ArgumentException">The connection string names no file, or an in-memory database.</exception>
    public SqliteDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource == ":memory:"
            || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException(
                "Vexil keeps its SQLite data in a file: set ConnectionStrings:Vexil to e.g. 'Data Source=data/vexil.db'.",
                nameof(connectionString));
        }

        // Foreign keys are off by default in SQLite; the schema declares them, so have them enforced.
        builder.ForeignKeys = true;
        builder.DefaultTimeout = RetrySeconds;
        this.connectionString = builder.ToString();
        DatabasePath = builder.DataSource;
    }

    /// <summary>The provider's name, as <c>Vexil:Database:Provider</c> spells it.</summary>
    public string Provider => StorageOptions.Sqlite;

    /// <summary>The database file, as the connection string names it.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Creates the file (0600, its folder 0700) when it is missing, applies the migrations in one transaction, and
    /// switches the file to WAL. Start-up only.
    /// </summary>
    /// <exception cref="StoreSchemaException">The file is not a SQLite database, or not Vexil's, or newer than this build.</exception>
    public async Task MigrateAsync(TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        SqliteDatabaseFiles.Prepare(DatabasePath);

        try
        {
            using var gate = await EnterWriteGateAsync(cancellationToken);
            await using var connection = await OpenAsync(cancellationToken);
            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                var runner = new MigrationRunner(new SqliteSchemaDialect(DatabasePath), time, logger);
                await runner.RunAsync(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            // WAL lets readers (snapshot loads, audit pages) run while a change commits. It is a property of the
            // file, so it is set after the runner has confirmed the file is Vexil's, never on someone else's.
            await using var command = Command(connection, null, "PRAGMA journal_mode = WAL;");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new StoreSchemaException(
                $"The file '{DatabasePath}' is not a SQLite database; point ConnectionStrings:Vexil at a Vexil database file or at a path where Vexil may create one.");
        }
    }

    /// <summary>Opens a connection with the pragmas every Vexil connection has (busy timeout, full sync).</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, ConnectionPragmas);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits for this process's turn to write, and holds it until the returned lease is disposed. Every write to the
    /// file takes it first, whatever the store: writers of one process then queue here instead of spinning on the
    /// file's lock against each other, and the busy timeout is left to bound the wait for another process.
    /// </summary>
    public async Task<IDisposable> EnterWriteGateAsync(CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        return new WriteGateLease(writeGate);
    }

    /// <summary>A command on <paramref name="connection"/>, in <paramref name="transaction"/> when there is one.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Returns the file's pooled connections to the operating system.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        writeGate.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class WriteGateLease(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
