namespace Vexil.Server.Repository;

/// <summary>
/// Finds the commit that merged a merge request: first the mirror's index of GitLab merge commit messages (no network,
/// O(1)), then, when <c>Vexil:GitLab</c> is configured, GitLab's Merge Requests API.
/// </summary>
public sealed class MergeRequestLocator(RepositoryMirror mirror, IMergeRequestLookup gitLab)
{
    /// <summary>What is known about the merge request.</summary>
    public async Task<MergeRequestAnswer> LocateAsync(string project, long iid, CancellationToken cancellationToken)
    {
        if (mirror.Graph.MergeCommitOf(project, iid) is { } sha)
        {
            return new MergeRequestAnswer(MergeRequestState.Merged, sha);
        }

        if (gitLab.IsConfigured)
        {
            return await gitLab.GetAsync(project, iid, cancellationToken);
        }

        return new MergeRequestAnswer(
            MergeRequestState.Unknown,
            null,
            mirror.IsLoaded
                ? $"no merge commit in `{mirror.Options.DisplayName}` says `See merge request {project}!{iid}`, and Vexil:GitLab is not configured to ask GitLab"
                : "the repository mirror has not been fetched yet");
    }
}
