namespace Vexil.Server.Notifications.Routing;

/// <summary>One target a change was scoped to, as GitLab's feature-flag log lists them.</summary>
/// <param name="Kind"><c>user</c>, <c>project</c>, <c>group</c>, <c>feature_group</c>, <c>namespace</c>, <c>repository</c>, or <c>actor</c> for another kind of flipper id.</param>
/// <param name="Name">The name as typed, e.g. <c>gitlab-qa</c> (not <c>User:gitlab-qa</c>).</param>
public sealed record ChangeScope(string Kind, string Name);
