namespace Vexil.Server.Repository;

/// <summary>The state of a merge request and, once merged, the commit that brought it into the target branch.</summary>
/// <param name="State">What is known.</param>
/// <param name="CommitSha">The merge, squash or fast-forwarded commit when <see cref="MergeRequestState.Merged"/>; otherwise null.</param>
/// <param name="Detail">Why it is <see cref="MergeRequestState.Unknown"/> (e.g. GitLab's error), for the answer; otherwise null.</param>
public sealed record MergeRequestAnswer(MergeRequestState State, string? CommitSha, string? Detail = null);
