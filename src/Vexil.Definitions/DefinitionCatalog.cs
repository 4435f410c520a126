using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Vexil.Definitions;

/// <summary>
/// Every valid definition found in the configured folders, plus the problems found on the way. Immutable: a reload
/// builds a new catalog and the server's definition registry swaps the reference, so a reader holding one sees a
/// consistent set for as long as it likes. After a reload, a flag whose file became invalid keeps its last good
/// definition (<see cref="KeepingLastGood"/>), so a bad edit never makes a flag vanish.
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly FrozenDictionary<string, FlagDefinition> byName;
    private readonly FrozenSet<string> kept;

    /// <summary>Builds a catalog; names must be unique (the loader reports duplicates as errors instead).</summary>
    /// <exception cref="ArgumentException">Two definitions share a name.</exception>
    public DefinitionCatalog(IEnumerable<FlagDefinition> definitions, IEnumerable<DefinitionError> errors)
        : this(definitions, errors, [])
    {
    }

    private DefinitionCatalog(IEnumerable<FlagDefinition> definitions, IEnumerable<DefinitionError> errors, IEnumerable<string> keptNames)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(errors);

        var unique = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!unique.TryAdd(definition.Name, definition))
            {
                throw new ArgumentException(
                    $"Feature flag '{definition.Name}' is defined twice: in '{unique[definition.Name].SourcePath}' and '{definition.SourcePath}'.",
                    nameof(definitions));
            }
        }

        byName = unique.ToFrozenDictionary(StringComparer.Ordinal);
        Definitions = [.. unique.Values.OrderBy(definition => definition.Name, StringComparer.Ordinal)];
        Errors = [.. errors];
        DefaultsByName = unique.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.DefaultEnabled, StringComparer.Ordinal);
        kept = keptNames.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>A catalog with no definitions and no errors, e.g. when no folder is configured.</summary>
    public static DefinitionCatalog Empty { get; } = new([], []);

    /// <summary>The definitions by flag name (ordinal, case-sensitive).</summary>
    public IReadOnlyDictionary<string, FlagDefinition> ByName => byName;

    /// <summary>The definitions sorted by name (ordinal).</summary>
    public IReadOnlyList<FlagDefinition> Definitions { get; }

    /// <summary>Files skipped and folders not read, in the order they were met. Empty when everything loaded.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>
    /// Each defined flag's <c>default_enabled</c>, by name: what a flag with no stored state evaluates to, ready for
    /// building snapshots.
    /// </summary>
    public IReadOnlyDictionary<string, bool> DefaultsByName { get; }

    /// <summary>Number of valid definitions.</summary>
    public int Count => byName.Count;

    /// <summary>True when at least one file or folder could not be loaded.</summary>
    public bool HasErrors => Errors.Count > 0;

    /// <summary>Finds the definition of a flag by its exact name.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out FlagDefinition definition) =>
        byName.TryGetValue(name, out definition);

    /// <summary>True when the flag has a valid definition.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <summary>
    /// True when the flag's definition is the last good one from an earlier load, kept because its file is now
    /// invalid (see <see cref="ProblemsOf"/> for why).
    /// </summary>
    public bool IsLastGood(string name) => kept.Contains(name);

    /// <summary>
    /// The problems found in the file of flag <paramref name="name"/>: the file its definition came from, or, for a
    /// flag with no valid definition, a file named after it (GitLab names every file after its flag). Empty when the
    /// flag's file is fine.
    /// </summary>
    public IReadOnlyList<DefinitionError> ProblemsOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Errors.Count == 0)
        {
            return [];
        }

        var source = byName.TryGetValue(name, out var definition) ? definition.SourcePath : null;
        return [.. Errors.Where(error => error.FullPath is { } file
            && (string.Equals(file, source, StringComparison.Ordinal)
                || string.Equals(System.IO.Path.GetFileNameWithoutExtension(file), name, StringComparison.Ordinal)))];
    }

    /// <summary>
    /// This catalog plus the definitions of <paramref name="previous"/> whose file is now invalid: a flag whose file a
    /// bad edit broke keeps serving its last good definition (marked by <see cref="IsLastGood"/>) instead of
    /// vanishing. A flag whose file was deleted, or whose name is now defined by another file, is not kept.
    /// </summary>
    public DefinitionCatalog KeepingLastGood(DefinitionCatalog previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var failedFiles = Errors
            .Select(error => error.FullPath)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        if (failedFiles.Count == 0)
        {
            return this;
        }

        var lastGood = previous.Definitions
            .Where(definition => !byName.ContainsKey(definition.Name) && failedFiles.Contains(definition.SourcePath))
            .ToList();
        return lastGood.Count == 0
            ? this
            : new DefinitionCatalog(Definitions.Concat(lastGood), Errors, lastGood.Select(definition => definition.Name));
    }
}
