using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Tokens;

/// <summary>
/// <c>/api/v1/tokens</c>: make, list, show and revoke API tokens. Admin tokens only; errors are ProblemDetails.
/// Secrets appear once, in the answer that makes them; nothing else ever shows a secret or a hash.
/// </summary>
public static class TokenEndpoints
{
    /// <summary>The route of the collection.</summary>
    public const string Route = "/api/v1/tokens";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup(Route).WithTags("Tokens").RequireAdminToken();

        tokens.MapPost(string.Empty, CreateAsync)
            .WithName("CreateToken")
            .WithSummary("Make a token")
            .WithDescription("Makes a read, write, admin, metrics or deployments token, optionally limited to environments and with an expiry. The secret is in this answer only. Names are unique among active tokens (409 otherwise).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tokens.MapGet(string.Empty, ListAsync)
            .WithName("ListTokens")
            .WithSummary("List tokens")
            .WithDescription("Every token, revoked and expired ones included, oldest first; never secrets or hashes.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tokens.MapGet("/{id:long}", GetAsync)
            .WithName("GetToken")
            .WithSummary("Show a token")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tokens.MapDelete("/{id:long}", RevokeAsync)
            .WithName("RevokeToken")
            .WithSummary("Revoke a token")
            .WithDescription("Revokes a token: this server refuses it at once, other servers within Vexil:Auth:TokenRefreshInterval. Revoking again changes nothing.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request,
        HttpContext context,
        TokenService tokens,
        EnvironmentCatalog environments,
        AuditRecorder audit,
        TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (CreateTokenRequestValidator.Validate(request, environments, now, out var errors) is not { } specification)
        {
            return TypedResults.ValidationProblem(
                errors,
                detail: string.Join(" ", errors.Values.SelectMany(messages => messages)),
                title: "The token was not made: the request is not valid.");
        }

        // Not tied to the caller's connection: a client that hangs up must not leave it unknown whether a token exists.
        var creator = context.GetTokenPrincipal()!.Name;
        try
        {
            var issued = await tokens.CreateAsync(
                specification.Name,
                specification.Kind,
                specification.Environments,
                specification.ExpiresAt,
                creator,
                CancellationToken.None);
            var made = issued.Token;
            await audit.RecordAsync(AuditFacts.For(
                context,
                AuditKinds.TokenCreated,
                $"Token '{made.Name}' ({TokenKinds.ToText(made.Kind)}) created",
                new Dictionary<string, string>
                {
                    ["created_token"] = made.Name,
                    ["created_token_id"] = AuditFacts.Id(made.Id),
                    ["kind"] = TokenKinds.ToText(made.Kind),
                    ["environments"] = made.Environments.Count == 0 ? "all" : string.Join(",", made.Environments),
                    ["expires_at"] = made.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never",
                }));
            return TypedResults.Created($"{Route}/{made.Id}", CreatedTokenResponse.From(issued, now));
        }
        catch (TokenNameTakenException taken)
        {
            // The store decides, atomically: a check here first could race with another request or server.
            var detail = taken.HolderId is { } holder
                ? $"A token named '{taken.Name}' is already active (token {holder}): pick another name, or revoke the old token first (DELETE {Route}/{holder})."
                : taken.Message;
            return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "The token was not made: its name is taken.");
        }
    }

    private static async Task<Ok<TokenResponse[]>> ListAsync(TokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var all = await tokens.ListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(token => TokenResponse.From(token, now)).ToArray());
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> GetAsync(long id, TokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(id, cancellationToken);
        return token is null ? NotFound(id) : TypedResults.Ok(TokenResponse.From(token, time.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long id, HttpContext context, TokenService tokens, AuditRecorder audit)
    {
        var revoked = await tokens.RevokeAsync(id, context.GetTokenPrincipal()!.Name, CancellationToken.None);
        if (revoked is null)
        {
            return NotFound(id);
        }

        await audit.RecordAsync(AuditFacts.For(
            context,
            AuditKinds.TokenRevoked,
            $"Token '{revoked.Name}' revoked",
            new Dictionary<string, string>
            {
                ["revoked_token"] = revoked.Name,
                ["revoked_token_id"] = AuditFacts.Id(revoked.Id),
            }));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(
            detail: id == 0
                ? "Token 0 is the bootstrap admin token from Vexil:Auth:BootstrapAdminToken; change or remove it in the configuration."
                : $"No token has id {id}; list the tokens with GET {Route}.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Not Found");
}
