using System.Globalization;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// An issue named by its web URL, e.g. <c>https://gitlab.example.com/group/sub/project/-/issues/42</c>: the project's
/// full path and the issue's iid, which GitLab's REST API takes as <c>/projects/group%2Fsub%2Fproject/issues/42</c>.
/// </summary>
/// <param name="ProjectPath">The project's full path, e.g. <c>gitlab-org/gitlab</c>.</param>
/// <param name="Iid">The issue's number within the project.</param>
public sealed record GitLabIssueReference(string ProjectPath, long Iid)
{
    /// <summary>
    /// Reads an issue URL on <paramref name="instance"/> (same scheme, host and port, under its path); null for
    /// anything else, so a rollout issue on another instance is never sent this instance's token.
    /// </summary>
    public static GitLabIssueReference? TryParse(string? url, Uri instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var issue)
            || !string.Equals(issue.Scheme, instance.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(issue.Authority, instance.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A relative-URL instance (https://example.com/gitlab) keeps its prefix in every project URL.
        var prefix = instance.AbsolutePath.TrimEnd('/');
        var path = issue.AbsolutePath;
        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = path[(prefix.Length + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count < 4 || segments[^2] != "issues"
            || !long.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var iid) || iid < 1)
        {
            return null;
        }

        // GitLab's routes put "-" between the project and the issue; older URLs leave it out.
        var project = segments[..^2];
        if (project[^1] == "-")
        {
            project.RemoveAt(project.Count - 1);
        }

        return project.Count >= 2 ? new GitLabIssueReference(string.Join('/', project), iid) : null;
    }
}
