using Vexil.Core.Groups;

namespace Vexil.Client.Evaluation;

/// <summary>
/// A feature group decided by application code (<see cref="VexilClient.RegisterGroup"/>), optionally joined with the
/// server's member list of the same name: an actor is in the group when either says so. A predicate that throws counts
/// as "not a member", because <see cref="VexilClient.IsEnabled(string)"/> must never throw.
/// </summary>
internal sealed class PredicateFeatureGroup(string name, Func<Actor, bool> predicate, IFeatureGroup? serverGroup) : IFeatureGroup
{
    public string Name { get; } = name;

    public bool Contains(string actorId)
    {
        if (serverGroup is not null && serverGroup.Contains(actorId))
        {
            return true;
        }

        try
        {
            return predicate(new Actor(actorId));
        }
        catch (Exception)
        {
            return false;
        }
    }
}
