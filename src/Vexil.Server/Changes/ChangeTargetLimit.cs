namespace Vexil.Server.Changes;

/// <summary>
/// How many actors one change may name, whichever door it comes through (the GitLab API's <c>user=a,b,...</c>, a
/// <c>feature set --user=a,b,...</c> command): GitLab's API accepts at most 1,000 targets per request. Each target
/// becomes one operation in one transaction and one audit event, so the limit keeps a change reviewable.
/// </summary>
public static class ChangeTargetLimit
{
    /// <summary>Most targets (users, projects, groups, namespaces and repositories) in one change.</summary>
    public const int MaxTargets = 1000;

    /// <summary>The refusal, the same sentence for every door.</summary>
    public static string TooMany(int count) =>
        $"Too many targets ({count}): name at most {MaxTargets} users, projects, groups, namespaces and repositories in one change; split it into several.";
}
