namespace Vexil.Server.Repository;

/// <summary>What one fetch brought: the answer of <c>POST /api/v1/repository/fetch</c>.</summary>
/// <param name="Commits">Commits in the mirror.</param>
/// <param name="Tags">Tags in the mirror.</param>
/// <param name="Branches">Branches in the mirror.</param>
/// <param name="MergeRequests">Merge requests named by GitLab merge commit messages.</param>
/// <param name="FetchedAt">When the fetch finished.</param>
/// <param name="Elapsed">How long the fetch and load took.</param>
public sealed record RepositoryFetchResult(int Commits, int Tags, int Branches, int MergeRequests, DateTimeOffset FetchedAt, TimeSpan Elapsed);
