namespace Vexil.Server.Storage.Sqlite;

/// <summary>
/// Creates the SQLite database file and its folder readable by the owner only, before SQLite touches them. The file
/// holds token hashes and the audit trail, so no other account on the machine should read it. SQLite itself creates a
/// new file with 0644 (less the umask); its <c>-wal</c> and <c>-shm</c> files copy the database file's mode, so
/// creating the database file 0600 first is what keeps all three private.
/// </summary>
internal static class SqliteDatabaseFiles
{
    /// <summary>The mode of a database file Vexil creates: read and write for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of a data folder Vexil creates: the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates the folder of <paramref name="databasePath"/> (0700) and an empty database file (0600) when they do not
    /// exist. Existing folders and files keep the mode their owner gave them. On Windows, where Unix modes do not
    /// apply, the folder and file inherit the folder's access rules as before.
    /// </summary>
    public static void Prepare(string databasePath)
    {
        var fullPath = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, FolderMode);
            }
        }

        if (File.Exists(fullPath) || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            // CreateNew: if another process created the file meanwhile, keep theirs rather than truncate it.
            using var created = new FileStream(fullPath, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            });
        }
        catch (IOException) when (File.Exists(fullPath))
        {
        }
    }
}
