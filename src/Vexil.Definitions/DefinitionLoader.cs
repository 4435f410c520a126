namespace Vexil.Definitions;

/// <summary>
/// Turns definition folders into a <see cref="DefinitionCatalog"/>. Pure apart from reading files: no logging, no
/// state. It never throws for bad input: a file that breaks a rule is left out and described in
/// <see cref="DefinitionCatalog.Errors"/>, and so is a folder that is missing or unreadable, because one bad file
/// must not take the server down.
/// </summary>
public static class DefinitionLoader
{
    /// <summary>
    /// Loads every definition under <paramref name="folders"/>, in order. Each folder holds
    /// <c>&lt;type&gt;/&lt;name&gt;.yml</c> files, or is a GitLab-style repository root with <c>config/feature_flags</c>
    /// (and <c>ee/config/feature_flags</c>). Relative folders resolve against <paramref name="baseDirectory"/>, or the
    /// current directory when it is null. When two files define the same flag, the first one found wins and the
    /// second is reported.
    /// </summary>
    public static DefinitionCatalog Load(IEnumerable<string> folders, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(folders);

        var definitions = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        var errors = new List<DefinitionError>();

        // The same file reached twice (a folder listed twice, or nested in another) is one definition, not a duplicate.
        var filesSeen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var folder in folders)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                errors.Add(new DefinitionError(
                    folder ?? string.Empty,
                    "An empty entry is configured in Vexil:Definitions:Paths. Remove it, or set it to a folder of definitions."));
                continue;
            }

            string fullFolder;
            try
            {
                fullFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder, baseDirectory ?? Directory.GetCurrentDirectory()));
            }
            catch (ArgumentException)
            {
                errors.Add(new DefinitionError(folder, $"'{folder}' in Vexil:Definitions:Paths is not a valid folder path. Correct it."));
                continue;
            }

            if (!Directory.Exists(fullFolder))
            {
                errors.Add(new DefinitionError(
                    fullFolder,
                    $"Definitions folder '{fullFolder}' does not exist. Create it, or correct Vexil:Definitions:Paths."));
                continue;
            }

            LoadFolder(fullFolder, definitions, errors, filesSeen);
        }

        return new DefinitionCatalog(definitions.Values, errors);
    }

    private static void LoadFolder(
        string folder,
        Dictionary<string, FlagDefinition> definitions,
        List<DefinitionError> errors,
        HashSet<string> filesSeen)
    {
        foreach (var root in DefinitionFolders.DefinitionRoots(folder))
        {
            IReadOnlyList<string> files;
            try
            {
                files = DefinitionFolders.FindFiles(root);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                errors.Add(new DefinitionError(
                    root,
                    $"Definitions folder '{root}' could not be read ({exception.Message}). Check that the server may read it."));
                continue;
            }

            foreach (var file in files.Where(filesSeen.Add))
            {
                LoadFile(file, root, folder, definitions, errors);
            }
        }
    }

    private static void LoadFile(string file, string root, string folder, Dictionary<string, FlagDefinition> definitions, List<DefinitionError> errors)
    {
        // Answers and logs name files relative to the configured folder (as GitLab names them relative to its
        // repository), never by where the server keeps them.
        var shown = DefinitionFileReader.Shown(file, folder);
        DefinitionFileResult result;
        try
        {
            result = DefinitionFileReader.Read(file, root, folder);
        }
        catch (Exception exception)
        {
            // Deliberately broad: whatever a file does to the parser, the cost must be that file, not the whole load.
            result = DefinitionFileResult.Invalid(
                $"The file could not be processed ({exception.GetType().Name}: {exception.Message}). Check that it is a plain YAML definition.");
        }

        if (result.Definition is not { } definition)
        {
            errors.AddRange(result.Problems.Select(problem => DefinitionError.InvalidDefinition(shown, problem, file)));
        }
        else if (definitions.TryGetValue(definition.Name, out var previous))
        {
            errors.Add(DefinitionError.InvalidDefinition(
                shown,
                $"Feature flag '{definition.Name}' is already defined in '{previous.RelativePath}'. Delete one of the two files, or rename one of the flags.",
                file));
        }
        else
        {
            definitions.Add(definition.Name, definition);
        }
    }
}
