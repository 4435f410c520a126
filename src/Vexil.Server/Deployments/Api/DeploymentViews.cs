using System.Text.Json.Serialization;

namespace Vexil.Server.Deployments.Api;

// The shapes of /api/v1/deployments, side by side. They use the field names of the request body (snake_case), which CI
// scripts are written against, rather than the camelCase of the rest of the native API.

/// <summary>A recorded deployment as the API answers it.</summary>
/// <param name="Id">The store's id; also the cursor for the next page (<c>before</c>).</param>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Sha">The full commit sha, lower case.</param>
/// <param name="Ref">The branch or tag deployed.</param>
/// <param name="Status"><c>success</c>, <c>failed</c> or <c>running</c>.</param>
/// <param name="FinishedAt">When it finished, UTC.</param>
/// <param name="Url">The pipeline or job URL, or null.</param>
/// <param name="RecordedBy">The name of the token that recorded it.</param>
public sealed record DeploymentView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("sha")] string Sha,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("finished_at")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("recorded_by")] string RecordedBy)
{
    /// <summary>Converts a stored deployment.</summary>
    public static DeploymentView Of(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new(
            deployment.Id,
            deployment.Environment,
            deployment.Sha,
            deployment.Ref,
            DeploymentStatuses.ToText(deployment.Status),
            deployment.FinishedAt,
            deployment.Url,
            deployment.RecordedBy);
    }
}

/// <summary>One page of deployments, newest first.</summary>
/// <param name="Deployments">The page.</param>
/// <param name="NextBefore">The <c>before</c> value that asks for the next page, or null on the last page.</param>
public sealed record DeploymentPageView(
    [property: JsonPropertyName("deployments")] IReadOnlyList<DeploymentView> Deployments,
    [property: JsonPropertyName("next_before")] long? NextBefore);
