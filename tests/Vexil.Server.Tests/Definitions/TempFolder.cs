namespace Vexil.Server.Tests.Definitions;

/// <summary>A throwaway folder under the system temp directory for definition fixtures, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Directory.CreateTempSubdirectory("vexil-definitions-").FullName;
    }

    public string Root { get; }

    /// <summary>How answers name <paramref name="fullPath"/>: relative to this folder, with <c>/</c> separators.</summary>
    public string Shown(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Writes <paramref name="content"/> to a path relative to <see cref="Root"/>, creating folders; returns the full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a definition at <c>&lt;type&gt;/&lt;name&gt;.yml</c> built by <see cref="DefinitionYaml.Valid"/>; returns the full path.</summary>
    public string WriteValid(string name, string type = "beta", bool defaultEnabled = false, string? under = null) =>
        Write(Path.Combine(under ?? string.Empty, type, name + ".yml"), DefinitionYaml.Valid(name, type, defaultEnabled));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing dispose would hide the test's real outcome.
        }
    }
}
