using Microsoft.Extensions.Options;

namespace Vexil.Server.ChatOps.Slack;

/// <summary>
/// <c>POST /chatops/slack</c>: the Slack app's slash command (e.g. <c>/chatops run feature set x true</c>). Every
/// request must be signed with the app's signing secret (<see cref="SlackSignature"/>); without a configured secret the
/// endpoint answers 404, so it is never open.
/// </summary>
public static class SlackEndpoint
{
    /// <summary>The path.</summary>
    public const string Path = "/chatops/slack";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSlackEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithTags("ChatOps")
            .WithSummary("Slack slash command (form-encoded, signed with X-Slack-Signature): runs a `feature` command and answers in Slack's message format.");
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        IOptions<SlackOptions> options,
        SlashCommandHandler handler,
        SlackReplies replies,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SigningSecret))
        {
            return ChatProblems.NotConfigured("Slack", $"{SlackOptions.Section}:SigningSecret");
        }

        if (await SlashCommandBody.ReadAsync(http.Request, http.RequestAborted) is not { } body)
        {
            return ChatProblems.TooLarge();
        }

        var problem = SlackSignature.Check(
            settings.SigningSecret,
            http.Request.Headers[SlackSignature.TimestampHeader].ToString(),
            http.Request.Headers[SlackSignature.SignatureHeader].ToString(),
            body,
            time.GetUtcNow());
        var command = SlashCommand.Parse(body);
        if (problem is not null)
        {
            // Slack checks an endpoint's certificate with an unsigned ssl_check request; it runs nothing.
            if (command.SslCheck)
            {
                return Results.Ok();
            }

            loggers.CreateLogger(typeof(SlackEndpoint)).LogWarning("Refused a Slack request from {Address}: {Problem}", http.Connection.RemoteIpAddress, problem);
            return ChatProblems.Unauthorized(problem);
        }

        return command.SslCheck
            ? Results.Ok()
            : await handler.HandleAsync(command, SlackText.Decode(command.Text), replies, settings.AllowHttpResponseUrl, $"{SlackOptions.Section}:AllowHttpResponseUrl", http);
    }
}
