using Microsoft.Extensions.Options;

namespace Vexil.Server.ChatOps.Mattermost;

/// <summary>
/// <c>POST /chatops/mattermost</c>: a Mattermost slash command. Mattermost sends the command's token in the
/// <c>token</c> field (and, in recent versions, as <c>Authorization: Token ...</c>); it must equal
/// <c>Vexil:ChatOps:Mattermost:Token</c>. Without a configured token the endpoint answers 404, so it is never open.
/// </summary>
public static class MattermostEndpoint
{
    /// <summary>The path.</summary>
    public const string Path = "/chatops/mattermost";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapMattermostEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithTags("ChatOps")
            .WithSummary("Mattermost slash command (form-encoded, with the command's token): runs a `feature` command and answers in Markdown.");
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        IOptions<MattermostOptions> options,
        SlashCommandHandler handler,
        MattermostReplies replies,
        ILoggerFactory loggers)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Token))
        {
            return ChatProblems.NotConfigured("Mattermost", $"{MattermostOptions.Section}:Token");
        }

        if (await SlashCommandBody.ReadAsync(http.Request, http.RequestAborted) is not { } body)
        {
            return ChatProblems.TooLarge();
        }

        var command = SlashCommand.Parse(body);
        var presented = command.Token ?? HeaderToken(http.Request);
        if (!MattermostToken.Matches(settings.Token, presented))
        {
            var problem = presented is null
                ? "The request carries no token; Mattermost sends the slash command's token with every request."
                : $"The token does not match; check that {MattermostOptions.Section}:Token is the slash command's token.";
            loggers.CreateLogger(typeof(MattermostEndpoint)).LogWarning("Refused a Mattermost request from {Address}: {Problem}", http.Connection.RemoteIpAddress, problem);
            return ChatProblems.Unauthorized(problem);
        }

        return await handler.HandleAsync(command, command.Text, replies, settings.AllowHttpResponseUrl, $"{MattermostOptions.Section}:AllowHttpResponseUrl", http);
    }

    private static string? HeaderToken(HttpRequest request)
    {
        const string Scheme = "Token ";
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : null;
    }
}
