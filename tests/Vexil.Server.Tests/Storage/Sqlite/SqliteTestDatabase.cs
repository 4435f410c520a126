using Microsoft.Data.Sqlite;
using Vexil.Server.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Storage.Sqlite;

/// <summary>
/// One test's SQLite database: a file in a temporary folder of its own. It makes the <see cref="SqliteDatabase"/> handles
/// the stores under test take, runs SQL on the file as an operator's console would, and removes everything at the end.
/// The SQLite side of what <see cref="Postgres.PostgresTestDatabase"/> is for PostgreSQL.
/// </summary>
public sealed class SqliteTestDatabase(string prefix)
{
    private readonly List<SqliteDatabase> handles = [];
    private SqliteDatabase? handle;

    /// <summary>The test's own folder.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The database file (not created until a store initializes it).</summary>
    public string DatabasePath => Path.Combine(Folder, "vexil.db");

    /// <summary>The connection string a server would be configured with.</summary>
    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>The handle of this test's "server": made on first use, shared by the stores that ask for it.</summary>
    public SqliteDatabase Handle => handle ??= NewHandle();

    /// <summary>
    /// A new handle on the file, disposed by <see cref="DropAsync"/>. Each handle is what one server process holds: stores
    /// on one handle share its write gate, stores on two handles meet only on the file's lock.
    /// </summary>
    public SqliteDatabase NewHandle(string? connectionString = null)
    {
        var handle = new SqliteDatabase(connectionString ?? ConnectionString);
        handles.Add(handle);
        return handle;
    }

    /// <summary>A connection outside every handle, unpooled so it does not hold the file open after the test.</summary>
    public async Task<SqliteConnection> OpenDirectAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Runs SQL on the file and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenDirectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs SQL on the file.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenDirectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Disposes the handles and removes the folder.</summary>
    public ValueTask DropAsync()
    {
        foreach (var handle in handles)
        {
            handle.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
