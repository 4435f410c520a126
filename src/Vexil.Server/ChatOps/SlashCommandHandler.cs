using System.Text.Json.Nodes;
using Vexil.Server.Commands;
using Vexil.Server.Storage;

namespace Vexil.Server.ChatOps;

/// <summary>
/// What the Slack and Mattermost endpoints do once a request is authenticated: turn the slash command into a
/// <see cref="CommandRequest"/> from chat (the person and the channel, by id for the policies and by name for display,
/// and the platform's facts for the audit) and run it through <see cref="ChatCommandRunner"/>.
/// </summary>
public sealed class SlashCommandHandler(ChatCommandRunner runner, ILogger<SlashCommandHandler> logger)
{
    /// <summary>Runs the command; returns the HTTP answer (always 200 with a message: chat shows other statuses as a bare error).</summary>
    /// <param name="command">The authenticated slash command.</param>
    /// <param name="text">The command text, already decoded from the platform's escaping.</param>
    /// <param name="replies">The platform's message format.</param>
    /// <param name="allowHttpResponseUrl">The platform's <c>AllowHttpResponseUrl</c>.</param>
    /// <param name="allowHttpSetting">That setting's key, for the message when it is needed.</param>
    /// <param name="http">The request.</param>
    public async Task<IResult> HandleAsync(SlashCommand command, string text, IChatReplies replies, bool allowHttpResponseUrl, string allowHttpSetting, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(http);

        if (command.RepeatedField is { } repeated)
        {
            return ChatProblems.RepeatedField(repeated);
        }

        // Checked before anything runs: a command whose answer could not be delivered must not change anything.
        var (responseUrl, problem) = ResponseUrlRules.Check(command.ResponseUrl, allowHttpResponseUrl, allowHttpSetting);
        if (responseUrl is null)
        {
            logger.LogWarning("Refused a {Platform} command from {User}: {Problem}", replies.Platform, command.UserName, problem);
            return Json(replies.Notice(problem!, inChannel: false, delayed: false));
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["chat_platform"] = replies.Platform };
        AddIfSet(details, "chat_user_id", command.UserId);
        AddIfSet(details, "chat_channel_id", command.ChannelId);
        AddIfSet(details, "chat_team", command.TeamDomain);
        var request = new CommandRequest(SlashCommand.CommandText(text), ChangeChannels.Chat)
        {
            UserName = command.UserName,
            UserId = command.UserId,
            Channel = command.ChannelName,
            ChannelId = command.ChannelId,
            ChatDetails = details,
            RequestId = http.TraceIdentifier,
        };
        return Json(await runner.RunAsync(request, responseUrl, replies));
    }

    /// <summary>The HTTP answer for a message.</summary>
    public static IResult Json(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Results.Content(message.ToJsonString(ChatJson.Options), "application/json; charset=utf-8");
    }

    private static void AddIfSet(Dictionary<string, string> details, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            details[key] = value;
        }
    }
}
