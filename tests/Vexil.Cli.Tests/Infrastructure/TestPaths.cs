namespace Vexil.Cli.Tests.Infrastructure;

/// <summary>Locations the tests need: the repository root, the built binaries, the example definitions.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding Vexil.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shipped example definitions.</summary>
    public static string ExampleDefinitions => Path.Combine(RepositoryRoot, "examples", "feature_flags");

    /// <summary>The configuration the tests were built with, so the binaries run are the ones just built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built <c>vexil.dll</c>, to run with <c>dotnet</c>.</summary>
    public static string CliAssembly => Built("Vexil.Cli", "vexil.dll");

    /// <summary>The built server, to run with <c>dotnet</c>.</summary>
    public static string ServerAssembly => Built("Vexil.Server", "Vexil.Server.dll");

    /// <summary>A new empty temporary folder.</summary>
    public static string NewTempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Built(string project, string file)
    {
        // The test project references both projects, so MSBuild has built them with the same configuration.
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first; {path} is missing.");
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
