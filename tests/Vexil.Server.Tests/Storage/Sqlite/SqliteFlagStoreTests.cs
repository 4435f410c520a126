using Microsoft.Data.Sqlite;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Storage.Sqlite;

/// <summary>The store contract on a SQLite file in a temporary folder of its own, plus what only SQLite has.</summary>
public sealed class SqliteFlagStoreTests : FlagStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-sqlite-");

    private string DatabasePath => database.DatabasePath;

    /// <inheritdoc />
    protected override IFlagStore NewStore(TimeProvider time) => new SqliteFlagStore(database.NewHandle(), time: time);

    /// <inheritdoc />
    protected override Task ExecuteSqlAsync(string sql) => database.ExecuteAsync(sql);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override string TableCountSql(string table) =>
        $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";

    /// <inheritdoc />
    protected override string RejectAuditInsertsSql(string flag) =>
        $"CREATE TRIGGER reject_audit BEFORE INSERT ON audit_events WHEN NEW.flag = '{flag}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;";

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();

    [Fact]
    public async Task A_file_that_is_not_a_sqlite_database_is_refused()
    {
        await File.WriteAllTextAsync(DatabasePath, "name,email\nalice,alice@example.test\n" + new string('x', 200), Cancel);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => Track(NewStore(Clock)).InitializeAsync(Cancel));

        Assert.Equal(
            $"The file '{DatabasePath}' is not a SQLite database; point ConnectionStrings:Vexil at a Vexil database file or at a path where Vexil may create one.",
            error.Message);
        Assert.StartsWith("name,email", await File.ReadAllTextAsync(DatabasePath, Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_folder_of_the_database_file_is_created()
    {
        var nested = Path.Combine(database.Folder, "data", "deeper", "vexil.db");
        var store = Track(new SqliteFlagStore(database.NewHandle($"Data Source={nested}")));

        await store.InitializeAsync(Cancel);

        Assert.True(File.Exists(nested));
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        await OpenStoreAsync();

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task The_audit_log_triggers_do_not_block_appends_from_the_store()
    {
        var store = await OpenStoreAsync();

        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);
        await store.ApplyAsync(ChangeRequest.Remove(Staging, "my_flag", Origin()), Cancel);

        Assert.Equal(2L, await ScalarAsync("SELECT COUNT(*) FROM audit_events"));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=vexil;Mode=Memory;Cache=Shared")]
    [InlineData("Mode=ReadWriteCreate")]
    public void An_in_memory_or_missing_database_file_is_an_argument_error(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteDatabase(connectionString));

        Assert.Contains("Vexil keeps its SQLite data in a file", error.Message, StringComparison.Ordinal);
    }
}
