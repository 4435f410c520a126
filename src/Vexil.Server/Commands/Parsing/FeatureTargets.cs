using Vexil.Core.Actors;

namespace Vexil.Server.Commands.Parsing;

/// <summary>
/// The actors and feature groups a <c>feature set</c> is scoped to: <c>--user</c>, <c>--project</c>, <c>--group</c>,
/// <c>--namespace</c>, <c>--repository</c> (each a comma list of names, turned into flipper ids such as
/// <c>User:lulalala</c>) and <c>--feature-group</c>.
/// </summary>
public sealed record FeatureTargets
{
    /// <summary>No targets: the change applies to the whole flag.</summary>
    public static readonly FeatureTargets None = new();

    /// <summary><c>--user</c> names.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary><c>--project</c> paths.</summary>
    public IReadOnlyList<string> Projects { get; init; } = [];

    /// <summary><c>--group</c> paths.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary><c>--namespace</c> paths.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary><c>--repository</c> paths.</summary>
    public IReadOnlyList<string> Repositories { get; init; } = [];

    /// <summary><c>--feature-group</c> names.</summary>
    public IReadOnlyList<string> FeatureGroups { get; init; } = [];

    /// <summary>True when no target is given.</summary>
    public bool IsEmpty =>
        Users.Count == 0 && Projects.Count == 0 && Groups.Count == 0 && Namespaces.Count == 0 && Repositories.Count == 0 && FeatureGroups.Count == 0;

    /// <summary>The flipper ids of the actor targets, in option order: users, projects, groups, namespaces, repositories.</summary>
    public IReadOnlyList<string> ActorIds =>
    [
        .. Users.Select(name => ActorId.Of("User", name)),
        .. Projects.Select(path => ActorId.Of("Project", path)),
        .. Groups.Select(path => ActorId.Of("Group", path)),
        .. Namespaces.Select(path => ActorId.Of("Namespace", path)),
        .. Repositories.Select(path => ActorId.Of("Repository", path)),
    ];

    /// <summary>The scopes as GitLab's feature-flag log lists them (User, Project, Group, Feature group, Namespace, Repository), non-empty ones only.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Scopes =>
        new KeyValuePair<string, IReadOnlyList<string>>[]
        {
            new("user", Users),
            new("project", Projects),
            new("group", Groups),
            new("feature_group", FeatureGroups),
            new("namespace", Namespaces),
            new("repository", Repositories),
        }.Where(scope => scope.Value.Count > 0).ToArray();
}
