using Vexil.Server.Commands.Parsing;
using Vexil.Server.Definitions;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>
/// A set of a flag nobody defined is most often a typo: refuse it, as GitLab's Features API does, naming the nearest
/// defined flags, unless the caller forces it. Deletes pass (removing state after the definition went is the normal
/// clean-up), and so does everything on a server that loads no definitions at all.
/// </summary>
public sealed class DefinitionGuard(DefinitionRegistry definitions)
{
    /// <summary>How many suggestions a refusal names at most.</summary>
    public const int MaxSuggestions = 3;

    /// <summary>Null when the change may go on; otherwise the refusal.</summary>
    public string? Check(FlagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var catalog = definitions.Current;
        if (change.Delete || change.Overrides.Force || catalog.Count == 0 || catalog.Contains(change.Flag))
        {
            return null;
        }

        var suggestions = Nearest(change.Flag, catalog.ByName.Keys);
        var hint = suggestions.Count == 0
            ? string.Empty
            : $" (did you mean {string.Join(" or ", suggestions.Select(name => $"`{name}`"))}?)";
        return $"Feature flag '{change.Flag}' has no definition{hint}: add <type>/{change.Flag}.yml to a definitions folder (Vexil:Definitions:Paths), or {change.ForceHint} to set it anyway.";
    }

    /// <summary>The defined names nearest to <paramref name="name"/> by edit distance, closest first, within a third of its length.</summary>
    public static IReadOnlyList<string> Nearest(string name, IEnumerable<string> defined)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(defined);

        // Flag names are long and typos are small: a third of the name (at least 2) tells a slip from another flag.
        var limit = Math.Max(2, name.Length / 3);
        return defined
            .Select(candidate => (Name: candidate, Distance: OptionSuggestions.Distance(name, candidate)))
            .Where(candidate => candidate.Distance <= limit)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(candidate => candidate.Name)
            .ToArray();
    }
}
