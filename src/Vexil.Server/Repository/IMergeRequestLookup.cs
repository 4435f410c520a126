namespace Vexil.Server.Repository;

/// <summary>
/// Asks the team's GitLab about a merge request the mirror cannot place by commit message (merged by squash or
/// fast-forward). Implemented by the GitLab instance integration, so the mirror does not depend on it.
/// </summary>
public interface IMergeRequestLookup
{
    /// <summary>True when GitLab can be asked (<c>Vexil:GitLab:Url</c> and <c>Token</c> are set).</summary>
    bool IsConfigured { get; }

    /// <summary>What GitLab says; a failure of GitLab comes back as <see cref="MergeRequestState.Unknown"/> with the reason.</summary>
    Task<MergeRequestAnswer> GetAsync(string project, long iid, CancellationToken cancellationToken);
}
