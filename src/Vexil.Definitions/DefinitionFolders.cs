namespace Vexil.Definitions;

/// <summary>Finds the definition files under a configured folder.</summary>
public static class DefinitionFolders
{
    /// <summary>The extension of a definition file, as GitLab reads them (<c>config/feature_flags/**/*.yml</c>).</summary>
    public const string Extension = ".yml";

    // GitLab keeps CE flags in config/feature_flags and EE flags in ee/config/feature_flags.
    private static readonly string[] GitLabRepositoryFolders =
    [
        Path.Combine("config", "feature_flags"),
        Path.Combine("ee", "config", "feature_flags"),
    ];

    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseSensitive,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>
    /// The folders to search under <paramref name="folder"/>: the folder itself when it holds <c>&lt;type&gt;/</c>
    /// folders, or, when it is the root of a GitLab-style repository (it has <c>config/feature_flags</c>), that
    /// folder and <c>ee/config/feature_flags</c> if present. Searching a repository root itself would treat every
    /// other YAML file in it as a broken definition.
    /// </summary>
    public static IReadOnlyList<string> DefinitionRoots(string folder)
    {
        var repositoryFolders = GitLabRepositoryFolders
            .Select(relative => Path.Combine(folder, relative))
            .ToList();
        if (!Directory.Exists(repositoryFolders[0]))
        {
            return [folder];
        }

        return repositoryFolders.Where(Directory.Exists).ToList();
    }

    /// <summary>
    /// Every <c>.yml</c> file at any depth under <paramref name="root"/> (GitLab globs <c>**/*.yml</c>, so a file in the
    /// wrong place is found and reported rather than silently ignored), plus <c>.yaml</c> files, which GitLab would
    /// ignore: they are reported so their author learns why the flag is missing. Sorted for a stable load order.
    /// </summary>
    public static IReadOnlyList<string> FindFiles(string root) =>
        Directory.EnumerateFiles(root, "*", Recursive)
            .Where(file => file.EndsWith(Extension, StringComparison.Ordinal)
                || file.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
}
