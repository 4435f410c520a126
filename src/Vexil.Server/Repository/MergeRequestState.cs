namespace Vexil.Server.Repository;

/// <summary>What Vexil knows about a merge request.</summary>
public enum MergeRequestState
{
    /// <summary>Merged; the merge commit is known.</summary>
    Merged,

    /// <summary>GitLab says it is open or closed, not merged.</summary>
    NotMerged,

    /// <summary>GitLab says there is no such merge request.</summary>
    DoesNotExist,

    /// <summary>No merge commit names it and GitLab cannot be asked (not configured, or it failed).</summary>
    Unknown,
}
