using System.Text.Json.Serialization;

namespace Vexil.Cli.Api;

/// <summary>A deployment from <c>/api/v1/deployments</c> (its fields are snake_case, as CI scripts send them).</summary>
internal sealed class DeploymentInfo
{
    /// <summary>The store's id; also the cursor of the next page.</summary>
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>The environment's canonical name.</summary>
    [JsonPropertyName("environment")]
    public string Environment { get; init; } = "";

    /// <summary>The full commit sha.</summary>
    [JsonPropertyName("sha")]
    public string Sha { get; init; } = "";

    /// <summary>The branch or tag deployed.</summary>
    [JsonPropertyName("ref")]
    public string Ref { get; init; } = "";

    /// <summary><c>success</c>, <c>failed</c> or <c>running</c>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    /// <summary>When it finished.</summary>
    [JsonPropertyName("finished_at")]
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The pipeline or job URL, if given.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The token that recorded it.</summary>
    [JsonPropertyName("recorded_by")]
    public string? RecordedBy { get; init; }
}
