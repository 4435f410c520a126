using System.Text.Json.Serialization;

namespace Vexil.Cli.Api;

/// <summary>The body of <c>POST /api/v1/deployments</c>; absent optional fields are left out, so the server's defaults apply.</summary>
/// <param name="Environment">A name or alias, e.g. <c>gstg</c>.</param>
/// <param name="Sha">The full commit sha.</param>
/// <param name="Ref">The branch or tag.</param>
/// <param name="Status"><c>success</c>, <c>failed</c> or <c>running</c>; the server's default is success.</param>
/// <param name="FinishedAt">ISO 8601 with an offset, passed through as typed; the server's default is now.</param>
/// <param name="Url">The pipeline or job URL.</param>
internal sealed record NewDeployment(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("sha")] string Sha,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    [property: JsonPropertyName("finished_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FinishedAt,
    [property: JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url);
