using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Api;

/// <summary>
/// <c>POST /api/v1/commands</c>: runs a <c>feature</c> command for the CLI and other programs. Any valid token may call
/// it; what the command may do is then decided per environment by the token's rights, and reported in the answer
/// (200 with <c>ok: false</c> and exit code 1), since one command can touch several environments. Only a missing or
/// invalid token (401) and a missing text (400) are HTTP errors. A change to a protected environment may wait for the
/// production check (up to <c>Vexil:ProductionCheck:Timeout</c>); clients should wait that long.
/// </summary>
public static class CommandsApi
{
    /// <summary>The header the CLI sends (<c>X-Vexil-Client: cli</c>) so its changes are recorded as coming through the CLI.</summary>
    public const string ClientHeader = "X-Vexil-Client";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/commands", RunAsync)
            .WithTags("Commands")
            .WithSummary("Runs a `feature` command (get, set, list, delete) and returns its answer as text, Markdown and per environment.");
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext http, [FromBody] CommandBody? body, FeatureCommandExecutor executor, CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Problem(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                http.PresentedToken()
                    ? "The token is not valid (unknown, revoked or expired); create a new one."
                    : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
        }

        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return Problem(StatusCodes.Status400BadRequest, "Command required", "Send a JSON body such as {\"text\": \"feature get duo_chat_multi_thread\"}.");
        }

        var source = string.Equals(http.Request.Headers[ClientHeader].ToString().Trim(), "cli", StringComparison.OrdinalIgnoreCase)
            ? ChangeChannels.Cli
            : ChangeChannels.Api;
        var request = new CommandRequest(body.Text, source)
        {
            Principal = token,
            UserName = token.Name,
            ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            RequestId = http.TraceIdentifier,
        };
        var result = await executor.ExecuteAsync(request, null, cancellationToken);
        return TypedResults.Ok(CommandResponse.Of(result));
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
