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
