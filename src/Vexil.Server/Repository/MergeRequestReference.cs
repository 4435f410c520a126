using System.Globalization;
using System.Text.RegularExpressions;

namespace Vexil.Server.Repository;

/// <summary>A merge request named by its web URL: <c>https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977</c>.</summary>
/// <param name="Url">The URL as given.</param>
/// <param name="Project">The project path, e.g. <c>gitlab-org/gitlab</c>.</param>
/// <param name="Iid">The merge request's number in its project.</param>
public sealed partial record MergeRequestReference(string Url, string Project, long Iid)
{
    [GeneratedRegex(@"^https?://[^/\s]+/(?<project>[^\s]+?)/-/merge_requests/(?<iid>\d{1,18})(?:[/?#]\S*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    /// <summary>How the answers name it, as GitLab does: <c>gitlab-org/gitlab!177977</c>.</summary>
    public string Reference => $"{Project}!{Iid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads a merge request URL; null when the text is not one.</summary>
    public static MergeRequestReference? TryParse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var match = UrlPattern().Match(url.Trim());
        return match.Success
            ? new MergeRequestReference(url.Trim(), match.Groups["project"].Value, long.Parse(match.Groups["iid"].ValueSpan, CultureInfo.InvariantCulture))
            : null;
    }
}
