using Vexil.Core.Evaluation;
using Vexil.Core.Groups;

namespace Vexil.Core.Gates;

/// <summary>
/// Open when any of the actors belongs to one of the flag's feature groups. Groups named in the gate but not
/// registered (for example, removed from configuration) never open, as in Flipper.
/// </summary>
public sealed class GroupGate : Gate
{
    private readonly IFeatureGroup[] groups;

    /// <summary>Creates the gate, resolving the stored group names against the registry once.</summary>
    public GroupGate(IEnumerable<string> groupNames, FeatureGroupRegistry registry)
        : base(EvaluationReason.TargetingMatch)
    {
        var resolved = new List<IFeatureGroup>();
        foreach (var name in groupNames)
        {
            if (registry.TryGet(name, out var group))
            {
                resolved.Add(group);
            }
        }

        groups = resolved.ToArray();
    }

    /// <inheritdoc />
    public override bool IsOpen(ReadOnlySpan<string> actors)
    {
        foreach (var actor in actors)
        {
            if (actor is null)
            {
                continue;
            }

            foreach (var group in groups)
            {
                if (group.Contains(actor))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
