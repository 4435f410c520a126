using Vexil.Server.Auth;
using Vexil.Server.Environments;

namespace Vexil.Server.Api;

/// <summary>
/// Decides which environment a request is about, the same way for every API:
/// 1. the token's own environment, when the token is scoped to exactly one;
/// 2. otherwise the <c>environment</c> parameter, or the <c>X-Vexil-Environment</c> header (names and aliases);
/// 3. otherwise the configured default (<c>production</c>, as GitLab's ChatOps defaults to production).
/// It lives with the APIs, not in Environments, because it reads the caller's token: Environments stays below Auth.
/// </summary>
public static class RequestEnvironment
{
    /// <summary>The header that names the environment.</summary>
    public const string Header = "X-Vexil-Environment";

    /// <summary>
    /// Resolves the environment. Returns null and an error naming the known environments when the request names an
    /// unknown one.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="catalog">The configured environments.</param>
    /// <param name="parameter">The <c>environment</c> parameter from wherever the API reads parameters (query, form, JSON).</param>
    /// <param name="error">Why it could not be resolved.</param>
    public static VexilEnvironment? Resolve(HttpContext context, EnvironmentCatalog catalog, string? parameter, out string? error)
    {
        error = null;
        if (context.GetTokenPrincipal()?.SingleEnvironment is { } scoped)
        {
            return catalog.Resolve(scoped) ?? Fail(catalog, scoped, out error);
        }

        var requested = !string.IsNullOrWhiteSpace(parameter)
            ? parameter
            : context.Request.Headers[Header].ToString() is { Length: > 0 } header ? header : null;
        if (requested is null)
        {
            return catalog.Default;
        }

        return catalog.Resolve(requested) ?? Fail(catalog, requested, out error);
    }

    /// <summary>
    /// The environment the request names explicitly (the parameter, else the header), or null when it names none. A
    /// scoped token resolves to its own environment whatever the request says, so APIs compare this with the resolved
    /// environment and refuse a request that names another one.
    /// </summary>
    public static string? Named(HttpContext context, string? parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrWhiteSpace(parameter))
        {
            return parameter;
        }

        return context.Request.Headers[Header].ToString() is { Length: > 0 } header && !string.IsNullOrWhiteSpace(header) ? header : null;
    }

    private static VexilEnvironment? Fail(EnvironmentCatalog catalog, string requested, out string error)
    {
        error = catalog.UnknownEnvironmentMessage(requested);
        return null;
    }
}
