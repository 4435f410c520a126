using System.Collections.Frozen;

namespace Vexil.Core.Groups;

/// <summary>The registered feature groups, by name. Immutable; a configuration change builds a new registry.</summary>
public sealed class FeatureGroupRegistry
{
    private readonly FrozenDictionary<string, IFeatureGroup> groups;

    /// <summary>A registry with no groups.</summary>
    public static readonly FeatureGroupRegistry Empty = new([]);

    /// <summary>Creates the registry; throws when two groups share a name.</summary>
    public FeatureGroupRegistry(IEnumerable<IFeatureGroup> groups)
    {
        var byName = new Dictionary<string, IFeatureGroup>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!byName.TryAdd(group.Name, group))
            {
                throw new ArgumentException($"Feature group '{group.Name}' is registered twice; give each group one entry.", nameof(groups));
            }
        }

        this.groups = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The names of the registered groups, sorted.</summary>
    public IReadOnlyList<string> Names => groups.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Finds a group by name.</summary>
    public bool TryGet(string name, out IFeatureGroup group) => groups.TryGetValue(name, out group!);

    /// <summary>True when a group of that name is registered.</summary>
    public bool Contains(string name) => groups.ContainsKey(name);
}
