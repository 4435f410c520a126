using System.Reflection;
using Mono.Cecil;

namespace Vexil.Architecture.Tests;

/// <summary>Our compiled assemblies, as the tests' output folder holds them.</summary>
internal static class Assemblies
{
    public static Assembly Core { get; } = Assembly.Load("Vexil.Core");

    public static Assembly Definitions { get; } = Assembly.Load("Vexil.Definitions");

    public static Assembly Server { get; } = Assembly.Load("Vexil.Server");

    /// <summary>The .NET SDK.</summary>
    public static Assembly Client { get; } = Assembly.Load("Vexil.Client");

    /// <summary>The CLI, whose assembly is named after its command, <c>vexil</c>.</summary>
    public static Assembly Cli { get; } = Assembly.Load("vexil");

    /// <summary>The server's folders, read from its namespaces.</summary>
    public static IReadOnlyList<string> ServerFolderNames { get; } =
        [.. Server.GetTypes().Select(type => ServerFolders.Of(type.Namespace)).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Reads an assembly with Cecil, resolving its references from the tests' output folder.</summary>
    public static ModuleDefinition ReadModule(string path)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        return ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });
    }

    /// <summary>The repository's root, found from the tests' output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Vexil.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Vexil.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
