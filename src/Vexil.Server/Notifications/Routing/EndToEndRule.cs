using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// GitLab's rule for starting the end-to-end tests after a flag change: only a <c>set</c> (not a delete), and only
/// when the change is global or scoped to nothing but the QA user (<c>--user=gitlab-qa</c>) and the QA group
/// (<c>--group=gitlab-qa-sandbox-group</c>), because those are what the test suite runs as. A change for real users
/// or projects cannot be seen by the tests. (GitLab checks only <c>--user</c>, <c>--group</c> and <c>--project</c>;
/// Vexil treats every other scope the same way, since the tests cannot see those either.)
/// </summary>
public static class EndToEndRule
{
    /// <summary>True when the change should start the end-to-end tests (the environment is checked by the caller).</summary>
    public static bool Applies(AuditEvent change, EndToEndOptions options)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(options);
        if (change.Action == "delete")
        {
            return false;
        }

        return ChangeScopes.Of(change).All(scope =>
            (scope.Kind == "user" && string.Equals(scope.Name, options.QaUser, StringComparison.OrdinalIgnoreCase))
            || (scope.Kind == "group" && string.Equals(scope.Name, options.QaGroup, StringComparison.OrdinalIgnoreCase)));
    }
}
