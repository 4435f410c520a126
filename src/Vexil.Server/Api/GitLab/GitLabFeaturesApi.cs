namespace Vexil.Server.Api.GitLab;

/// <summary>
/// GitLab's Features API under <c>/api/v4/features</c>, so python-gitlab, GitLab's curl examples and scripts written
/// for GitLab work against Vexil unchanged. See <c>docs/api-gitlab.md</c>.
/// </summary>
public static class GitLabFeaturesApi
{
    /// <summary>The API's base path.</summary>
    public const string BasePath = "/api/v4/features";

    /// <summary>Maps the Features API's endpoints.</summary>
    public static IEndpointRouteBuilder MapGitLabFeaturesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var features = endpoints.MapGroup(BasePath).WithTags("GitLab Features API");

        // Routing ignores a trailing slash, so GET /api/v4/features/ (python-gitlab's list) lands here too.
        features.MapGet(string.Empty, GitLabFeatureReadEndpoints.List)
            .WithSummary("List persisted features of the request's environment, with their gates and definitions.");
        features.MapGet("/definitions", GitLabFeatureReadEndpoints.Definitions)
            .WithSummary("List every loaded feature flag definition.");

        // A catch-all, because python-gitlab 3.x sends POST and DELETE to /api/v4/features//<name>.
        features.MapPost("/{**name}", GitLabFeatureWriteEndpoints.SetAsync)
            .WithSummary("Set a feature's gate value (GitLab's Admin::SetFeatureFlagService).");
        features.MapDelete("/{**name}", GitLabFeatureWriteEndpoints.DeleteAsync)
            .WithSummary("Remove a feature's stored state; 204 whether or not it existed.");
        return endpoints;
    }
}
