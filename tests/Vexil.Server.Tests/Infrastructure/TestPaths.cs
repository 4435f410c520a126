namespace Vexil.Server.Tests.Infrastructure;

/// <summary>Locations the tests need: the repository root and the shipped example definitions.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding Vexil.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shipped example definitions.</summary>
    public static string ExampleDefinitions => Path.Combine(RepositoryRoot, "examples", "feature_flags");

    /// <summary>A new empty temporary folder.</summary>
    public static string NewTempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Deletes a temporary folder a test server used. SQLite removes its <c>-wal</c> and <c>-shm</c> files when the last
    /// pooled connection closes, which can race a recursive delete's listing ("Directory not empty"): retry briefly.
    /// </summary>
    public static void DeleteTempFolder(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vexil.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Could not find Vexil.sln above the test binaries.");
    }
}
