using Vexil.Server.Auth;
using Vexil.Server.Environments;

namespace Vexil.Server.Api.GitLab;

/// <summary>Who may call the Features API, and about which environment: GitLab's 401 and 403, Vexil's environments.</summary>
internal static class GitLabAccess
{
    /// <summary>The caller's token, or null when the request must be answered with 401 (no token, or an invalid one).</summary>
    public static TokenPrincipal? Caller(HttpContext context) => context.GetTokenPrincipal();

    /// <summary>
    /// Resolves the request's environment (<see cref="RequestEnvironment"/>) and checks the token may read or write there.
    /// Returns null when allowed, otherwise the response: 400 for an unknown environment, 403 when not allowed.
    /// </summary>
    public static IResult? Authorize(
        HttpContext context,
        TokenPrincipal caller,
        EnvironmentCatalog catalog,
        string? parameter,
        bool write,
        out VexilEnvironment environment)
    {
        environment = catalog.Default;
        if (RequestEnvironment.Resolve(context, catalog, parameter, out var error) is not { } resolved)
        {
            return GitLabResponses.BadRequest(error ?? catalog.UnknownEnvironmentMessage(parameter));
        }

        // A token scoped to one environment works there whatever the request says; a request that explicitly names
        // another environment is refused, so a change never lands somewhere other than where the caller asked.
        var requested = !string.IsNullOrWhiteSpace(parameter) ? parameter : context.Request.Headers[RequestEnvironment.Header].ToString();
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var named = catalog.Resolve(requested);
            if (named is null)
            {
                return GitLabResponses.BadRequest(catalog.UnknownEnvironmentMessage(requested));
            }

            if (named.Name != resolved.Name)
            {
                return GitLabResponses.Forbidden();
            }
        }

        environment = resolved;
        return (write ? caller.CanWrite(resolved) : caller.CanRead(resolved)) ? null : GitLabResponses.Forbidden();
    }
}
