using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.GitLab;

/// <summary><c>GET /api/v4/features</c> and <c>GET /api/v4/features/definitions</c>: answered from memory.</summary>
internal static class GitLabFeatureReadEndpoints
{
    /// <summary>Every persisted flag of the request's environment, sorted by name, rendered once per snapshot.</summary>
    public static async Task<IResult> List(HttpContext context, EnvironmentCatalog environments, SnapshotCache snapshots, DefinitionRegistry definitions)
    {
        if (GitLabAccess.Caller(context) is not { } caller)
        {
            return GitLabResponses.Unauthorized();
        }

        var parameter = LastQueryValue(context, GitLabParameterNames.Environment);
        if (GitLabAccess.Authorize(context, caller, environments, parameter, write: false, out var environment) is { } denied)
        {
            return denied;
        }

        // Take both references now: the answer is one consistent snapshot even if a change lands meanwhile.
        var snapshot = snapshots.Get(environment.Name);
        var catalog = definitions.Current;
        var body = await GitLabFeatureListCache.GetAsync(snapshot, catalog, context.RequestAborted);
        return GitLabJsonResult.Stream(StatusCodes.Status200OK, http => http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask());
    }

    /// <summary>Every loaded definition, with its YAML fields in GitLab's order.</summary>
    public static IResult Definitions(HttpContext context, EnvironmentCatalog environments, DefinitionRegistry definitions)
    {
        if (GitLabAccess.Caller(context) is not { } caller)
        {
            return GitLabResponses.Unauthorized();
        }

        var parameter = LastQueryValue(context, GitLabParameterNames.Environment);
        if (GitLabAccess.Authorize(context, caller, environments, parameter, write: false, out _) is { } denied)
        {
            return denied;
        }

        var catalog = definitions.Current;
        return GitLabResponses.Ok(writer => GitLabFeatureJson.WriteDefinitions(writer, catalog));
    }

    private static string? LastQueryValue(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
}
