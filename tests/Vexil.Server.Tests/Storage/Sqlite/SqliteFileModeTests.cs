using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Storage.Sqlite;

/// <summary>The database, its WAL and shared-memory files, and the data folder Vexil creates are the owner's alone.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SqliteFileModeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vexil-sqlite-mode-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_database_and_its_wal_and_shm_files_are_created_readable_by_the_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not apply on Windows.");
        var dataFolder = Path.Combine(folder, "data");
        var databasePath = Path.Combine(dataFolder, "vexil.db");

        using var database = new SqliteDatabase($"Data Source={databasePath}");
        var store = new SqliteFlagStore(database);
        await store.InitializeAsync(Cancel);
        var origin = new ChangeOrigin("alice", ChangeChannels.Cli);
        var applied = await store.ApplyAsync(ChangeRequest.Update("staging", "mode_flag", origin, GateOperation.EnableBoolean()), Cancel);
        Assert.True(applied.Accepted);

        // The pooled connection keeps the WAL and shared-memory files in place while the store is open.
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            Assert.True(File.Exists(file), $"{file} should exist while the store is open.");
            Assert.Equal(SqliteDatabaseFiles.FileMode, File.GetUnixFileMode(file));
        }

        Assert.Equal(SqliteDatabaseFiles.FolderMode, File.GetUnixFileMode(dataFolder));
    }

    [Fact]
    public async Task An_existing_folder_keeps_its_mode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not apply on Windows.");
        var shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(folder, shared);
        var databasePath = Path.Combine(folder, "vexil.db");

        using var database = new SqliteDatabase($"Data Source={databasePath}");
        await new SqliteFlagStore(database).InitializeAsync(Cancel);

        Assert.Equal(shared, File.GetUnixFileMode(folder));
        Assert.Equal(SqliteDatabaseFiles.FileMode, File.GetUnixFileMode(databasePath));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
