using System.Text.Json.Serialization;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// What a GitLab delivery carries in the outbox: where to post and the text, fixed when the change is planned. The
/// instance's URL and token are not in it: they are read from configuration when sending, so the database never holds
/// the token.
/// </summary>
/// <param name="Project">The project's full path or numeric id.</param>
/// <param name="IssueIid">The rollout issue's iid (notes); null for a new log issue.</param>
/// <param name="Title">The log issue's title; null for a note.</param>
/// <param name="Body">The note's body or the log issue's description (Markdown).</param>
/// <param name="Labels">The log issue's labels, comma-separated as GitLab's API takes them; null for a note.</param>
public sealed record GitLabDeliveryPayload(
    [property: JsonPropertyName("project")] string Project,
    [property: JsonPropertyName("issue_iid")] long? IssueIid,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("labels")] string? Labels);
