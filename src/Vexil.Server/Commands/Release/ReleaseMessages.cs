using System.Globalization;
using Vexil.Server.Deployments;
using Vexil.Server.Repository;

namespace Vexil.Server.Commands.Release;

/// <summary>
/// The sentences of <c>auto_deploy status</c> and <c>release check</c>. Those marked GitLab are GitLab ChatOps' and
/// release-tools' messages word for word (as chat shows them, links reduced to their text), because rollout issues
/// quote them.
/// </summary>
public static class ReleaseMessages
{
    /// <summary>GitLab (auto_deploy status): no environment's deployment contains the commit.</summary>
    public const string NoDeployedBranch = ":warning: Unable to find a deployed branch for this commit.";

    /// <summary>GitLab (auto_deploy status): the commit is not in the repository.</summary>
    public static string NotFound(string sha, string repository) => $":exclamation: `{sha}` not found in `{repository}`.";

    /// <summary>GitLab (release check): a version that is not X.Y.</summary>
    public static string InvalidVersion(string version) =>
        $"'{version}' is not a valid monthly release version. Monthly release versions look like 10.0 or 14.2.";

    /// <summary>GitLab (release check): neither a merge request URL (nor, in Vexil, a sha).</summary>
    public static string InvalidMergeRequestUrl(string url) => $"{url} is not a valid merge request URL.";

    /// <summary>GitLab (release check).</summary>
    public static string DoesNotExist(string mergeRequest) => $"{mergeRequest} does not exist.";

    /// <summary>GitLab (release check).</summary>
    public static string NotMerged(string mergeRequest) => $"{mergeRequest} has not been merged as yet!";

    /// <summary>GitLab (release check): the lowest release tag that contains the commit.</summary>
    public static string FirstReleasedIn(string mergeRequest, string tag) => $"{mergeRequest} was first released in {tag}.";

    /// <summary>GitLab (release check): no tag contains it and no version was given.</summary>
    public static string NotReleased(string mergeRequest) =>
        $"{mergeRequest} was not released in any past version. Try checking with the upcoming release version. Ex: `release check <MR URL> 14.2`";

    /// <summary>GitLab (release check).</summary>
    public static string InStableBranch(string mergeRequest, string version) =>
        $"{mergeRequest} has been included in the stable branch. This MR will be released in {version}.";

    /// <summary>GitLab (release check).</summary>
    public static string NotInStableBranch(string mergeRequest, string version) =>
        $"{mergeRequest} has not been included in the stable branch. The MR _will not_ be released in {version}.";

    /// <summary>GitLab (release check): no stable branch yet, and production runs the commit.</summary>
    public static string DeployedToProduction(string mergeRequest, string production, string version) =>
        $"{mergeRequest} has been deployed to {production}. It will most likely be included in release {version}.";

    /// <summary>GitLab (release check): no stable branch yet, and production does not run the commit.</summary>
    public static string NotDeployedToProduction(string mergeRequest, string production) =>
        $"{mergeRequest} has not yet been deployed to {production}. It cannot be included in the monthly release until it is deployed to {production}.";

    /// <summary>Vexil: no repository configured.</summary>
    public static string NoRepository(string command) =>
        $"No repository is configured, so Vexil cannot answer `{command}`: set {RepositoryOptions.Section}:Url to the team's repository.";

    /// <summary>Vexil: the mirror has not been fetched yet.</summary>
    public static string NotFetched(string repository, string? error) =>
        $"The mirror of `{repository}` has not been fetched yet{(error is null ? string.Empty : $" ({error})")}; try again shortly, or fetch it at once with POST /api/v1/repository/fetch.";

    /// <summary>Vexil: not a sha.</summary>
    public static string NotASha(string text) =>
        $"`{text}` is not a commit sha: give at least {CommitGraph.MinShortSha} hex digits of it, e.g. `auto_deploy status 1a2b3c4d`.";

    /// <summary>Vexil: a short sha that names several commits.</summary>
    public static string Ambiguous(string sha, string repository, IReadOnlyList<string> candidates) =>
        $"`{sha}` is ambiguous in `{repository}`: it names {(candidates.Count > CommitGraph.MaxCandidates ? "more than " + CommitGraph.MaxCandidates : candidates.Count.ToString(CultureInfo.InvariantCulture))} commits "
        + $"({string.Join(", ", candidates.Take(CommitGraph.MaxCandidates).Select(c => $"`{c}`"))}); give more characters of the sha.";

    /// <summary>Vexil: the merge commit could not be found.</summary>
    public static string MergeCommitUnknown(string mergeRequest, string? detail) =>
        $"Vexil cannot tell which commit merged {mergeRequest}{(detail is null ? string.Empty : $": {detail}")}. Give the merge commit's sha instead: `release check <sha> [X.Y]`.";

    /// <summary>A deployment, as the answers name it: <c>`ref` (`abc12345`) at 2026-12-04 10:00 UTC</c>.</summary>
    public static string Describe(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return $"`{deployment.Ref}` (`{Short(deployment.Sha)}`) at {deployment.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
    }

    /// <summary>The first 8 characters of a sha.</summary>
    public static string Short(string sha) => sha.Length > 8 ? sha[..8] : sha;
}
