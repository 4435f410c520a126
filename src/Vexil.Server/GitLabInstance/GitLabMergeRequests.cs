using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vexil.Server.Repository;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// Asks GitLab's Merge Requests API (<c>GET /api/v4/projects/:id/merge_requests/:iid</c>) about merge requests the
/// mirror cannot find by commit message: those merged by squash or fast-forward. Merged and missing answers never change
/// and are kept for the process's life; open ones for <see cref="OpenAnswerLifetime"/>.
/// </summary>
public sealed class GitLabMergeRequests(IHttpClientFactory clients, IOptions<GitLabInstanceOptions> options, TimeProvider clock, ILogger<GitLabMergeRequests> logger) : IMergeRequestLookup
{
    /// <summary>The named HTTP client.</summary>
    public const string HttpClientName = "vexil-gitlab-merge-requests";

    /// <summary>How long an answer that may still change (open, closed) is reused.</summary>
    public static readonly TimeSpan OpenAnswerLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (MergeRequestAnswer Answer, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsConfigured => options.Value.IsConfigured;

    /// <inheritdoc />
    public async Task<MergeRequestAnswer> GetAsync(string project, long iid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var key = CommitGraph.MergeRequestKey(project, iid);
        if (cache.TryGetValue(key, out var cached) && cached.Until > clock.GetUtcNow())
        {
            return cached.Answer;
        }

        var gitLab = options.Value;
        var url = $"{gitLab.Url!.Trim().TrimEnd('/')}/api/v4/projects/{Uri.EscapeDataString(project)}/merge_requests/{iid.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("PRIVATE-TOKEN", gitLab.Token!.Trim());
        MergeRequestAnswer answer;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                answer = new MergeRequestAnswer(MergeRequestState.DoesNotExist, null);
            }
            else if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("GitLab answered {Status} for merge request {Project}!{Iid}", (int)response.StatusCode, project, iid);
                return new MergeRequestAnswer(MergeRequestState.Unknown, null, $"GitLab answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            else
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                answer = Read(document.RootElement);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            logger.LogWarning("Asking GitLab about merge request {Project}!{Iid} failed: {Error}", project, iid, exception.Message);
            return new MergeRequestAnswer(MergeRequestState.Unknown, null, $"GitLab could not be asked: {exception.Message}");
        }

        var until = answer.State == MergeRequestState.NotMerged ? clock.GetUtcNow() + OpenAnswerLifetime : DateTimeOffset.MaxValue;
        cache[key] = (answer, until);
        return answer;
    }

    // merge_commit_sha is null for a fast-forward merge and squash_commit_sha for one without squash; a fast-forward
    // without squash put the merge request's own head (sha) on the target branch.
    private static MergeRequestAnswer Read(JsonElement mergeRequest)
    {
        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

        if (Text(mergeRequest, "state") != "merged")
        {
            return new MergeRequestAnswer(MergeRequestState.NotMerged, null);
        }

        var sha = Text(mergeRequest, "merge_commit_sha") ?? Text(mergeRequest, "squash_commit_sha") ?? Text(mergeRequest, "sha");
        return sha is null
            ? new MergeRequestAnswer(MergeRequestState.Unknown, null, "GitLab says it is merged but names no commit")
            : new MergeRequestAnswer(MergeRequestState.Merged, sha.ToLowerInvariant());
    }
}
