using Vexil.Core.Text;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Tokens;

/// <summary>Checks a <see cref="CreateTokenRequest"/>; every message says what was wrong and what to send instead.</summary>
internal static class CreateTokenRequestValidator
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// The validated request, or null with the problems keyed by JSON field (<c>name</c>, <c>kind</c>,
    /// <c>environments</c>, <c>expiresAt</c>), as ProblemDetails' <c>errors</c> carries them.
    /// </summary>
    public static TokenSpecification? Validate(
        CreateTokenRequest request,
        EnvironmentCatalog catalog,
        DateTimeOffset now,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors["name"] = ["Give the token a name saying what it is for, e.g. 'ci-deploy'."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name is {name.Length} characters long; use at most {MaxNameLength}."];
        }
        else if (name.Any(char.IsControl))
        {
            errors["name"] = ["The name contains control characters (such as line breaks); use printable characters only."];
        }
        else if (TextRules.FindProblem(name) is { } problem)
        {
            // Audit events name the token as "who": a name that reads as another one would disguise who did what.
            errors["name"] = [$"The name '{TextRules.Printable(name)}' contains {problem}."];
        }
        else if (string.Equals(name, BootstrapTokenAuthenticator.PrincipalName, StringComparison.OrdinalIgnoreCase))
        {
            // Audit events name the configured bootstrap token so; a stored token with that name could pass for it.
            errors["name"] = [$"'{BootstrapTokenAuthenticator.PrincipalName}' is reserved for the bootstrap admin token (Vexil:Auth:BootstrapAdminToken); pick another name."];
        }

        var kind = TokenKind.Read;
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors["kind"] = [$"Say what the token may do: kind is one of {string.Join(", ", TokenKinds.Names)}."];
        }
        else if (!TokenKinds.TryParse(request.Kind, out kind))
        {
            errors["kind"] = [$"Unknown kind '{request.Kind}': use one of {string.Join(", ", TokenKinds.Names)}."];
        }

        var environments = new List<string>();
        var environmentErrors = new List<string>();
        foreach (var requested in request.Environments ?? [])
        {
            if (catalog.Resolve(requested) is not { } environment)
            {
                environmentErrors.Add(catalog.UnknownEnvironmentMessage(requested));
            }
            else if (!environments.Contains(environment.Name, StringComparer.Ordinal))
            {
                environments.Add(environment.Name);
            }
        }

        if (environmentErrors.Count == 0 && kind == TokenKind.Admin && environments.Count > 0 && !errors.ContainsKey("kind"))
        {
            environmentErrors.Add("Admin tokens reach every environment: leave environments empty, or make a read or write token limited to them.");
        }

        if (environmentErrors.Count == 0 && kind == TokenKind.Metrics && environments.Count > 0 && !errors.ContainsKey("kind"))
        {
            // Metrics cover the whole instance and read no flags: a scope would promise a limit that does not exist.
            environmentErrors.Add("Metrics tokens read only /metrics, which covers every environment: leave environments empty.");
        }

        if (environmentErrors.Count > 0)
        {
            errors["environments"] = [.. environmentErrors];
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors["expiresAt"] = [$"expiresAt {expires.ToUniversalTime():O} is not in the future; give a later time, or leave it out for a token that does not expire."];
        }

        return errors.Count == 0 ? new TokenSpecification(name, kind, environments, request.ExpiresAt) : null;
    }
}
