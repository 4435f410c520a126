namespace Vexil.Core.Groups;

/// <summary>
/// A named set of actors, like Flipper's registered groups (GitLab's <c>gitlab_team_members</c>). Membership is
/// asked on the evaluation path, so implementations must answer without allocating or blocking.
/// </summary>
public interface IFeatureGroup
{
    /// <summary>The group's name, as stored in the groups gate.</summary>
    string Name { get; }

    /// <summary>True when the actor belongs to the group.</summary>
    bool Contains(string actorId);
}
