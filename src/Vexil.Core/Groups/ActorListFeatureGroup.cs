using Vexil.Core.Collections;

namespace Vexil.Core.Groups;

/// <summary>A feature group whose members are listed by flipper id (configuration: <c>Vexil:FeatureGroups:&lt;name&gt;:Actors</c>).</summary>
public sealed class ActorListFeatureGroup : IFeatureGroup
{
    private readonly StringSet members;

    /// <summary>Creates the group.</summary>
    public ActorListFeatureGroup(string name, IEnumerable<string> actorIds)
    {
        Name = name;
        members = StringSet.Create(actorIds);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The members, for display.</summary>
    public IReadOnlyCollection<string> Members => members;

    /// <inheritdoc />
    public bool Contains(string actorId) => members.Contains(actorId);
}
