using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Vexil.Server.Definitions;

/// <summary>
/// Every valid definition found in the configured folders, plus the problems found on the way. Immutable: a reload
/// builds a new catalog and <see cref="DefinitionRegistry"/> swaps the reference, so a reader holding one sees a
/// consistent set for as long as it likes.
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly FrozenDictionary<string, FlagDefinition> byName;

    /// <summary>Builds a catalog; names must be unique (the loader reports duplicates as errors instead).</summary>
    /// <exception cref="ArgumentException">Two definitions share a name.</exception>
    public DefinitionCatalog(IEnumerable<FlagDefinition> definitions, IEnumerable<DefinitionError> errors)
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
}
