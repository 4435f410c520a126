using Microsoft.Extensions.Options;
using Vexil.Server.ChatOps.Replays;
using Vexil.Server.Storage.Outages;

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

    /// <summary>The platform's name in the seen-request store.</summary>
    public const string Platform = "slack";

    /// <summary>What Slack shows (to the sender only) when a request arrives a second time.</summary>
    public const string ReplayRefusal =
        "This exact request (the same Slack signature) was already received and handled, so it was not run again; nothing was changed. To run the command again, type it again.";

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
        ISeenRequestStore seen,
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

        var timestamp = http.Request.Headers[SlackSignature.TimestampHeader].ToString();
        var signature = http.Request.Headers[SlackSignature.SignatureHeader].ToString();
        var problem = SlackSignature.Check(settings.SigningSecret, timestamp, signature, body, time.GetUtcNow());
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

        if (command.SslCheck)
        {
            return Results.Ok();
        }

        // A valid signature is valid for its whole 5-minute window: the first arrival is recorded (in the database, so
        // every replica sees it) and any later one is refused, here or on another server, before anything runs.
        var signedAt = SlackSignature.SignedAt(timestamp)!.Value;
        bool first;
        try
        {
            first = await seen.TryRecordAsync(Platform, signature.Trim(), signedAt + SlackSignature.MaxSkew, http.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An outage is one line (it repeats for every request while it lasts); anything else is a bug worth its trace.
            var logger = loggers.CreateLogger(typeof(SlackEndpoint));
            if (StoreFailures.Classify(exception) is { } outage)
            {
                logger.LogWarning("Could not record a Slack request's signature ({Reason}); the command was not run", outage.Reason);
            }
            else
            {
                logger.LogError(exception, "Could not record a Slack request's signature; the command was not run");
            }

            return SlashCommandHandler.Json(replies.Notice(
                "Vexil could not check whether this request was already handled (its database did not answer), so it did not run it; nothing was changed. Try again in a moment.",
                inChannel: false,
                delayed: false));
        }

        if (!first)
        {
            loggers.CreateLogger(typeof(SlackEndpoint)).LogWarning(
                "Refused a replayed Slack request from {Address} ({User} in {Channel}): its signature was accepted before",
                http.Connection.RemoteIpAddress,
                command.UserName,
                command.ChannelName);
            return SlashCommandHandler.Json(replies.Notice(ReplayRefusal, inChannel: false, delayed: false));
        }

        return await handler.HandleAsync(command, SlackText.Decode(command.Text), replies, settings.AllowHttpResponseUrl, $"{SlackOptions.Section}:AllowHttpResponseUrl", http);
    }
}
