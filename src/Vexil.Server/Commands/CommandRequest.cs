using Vexil.Server.Auth;

namespace Vexil.Server.Commands;

/// <summary>
/// One command as a front end hands it to <see cref="Execution.FeatureCommandExecutor"/>: the text and who sent it
/// from where. The executor trusts these facts, so each front end fills them from what it verified (the chat endpoint
/// from a signed request, the REST endpoint from the token).
/// </summary>
/// <param name="Text">The command text, e.g. <c>feature set duo_chat_multi_thread 50 --actors --staging</c>.</param>
/// <param name="Source">Where it came from: <c>chat</c>, <c>cli</c>, <c>dashboard</c> or <c>api</c> (<see cref="Storage.ChangeChannels"/>).</param>
public sealed record CommandRequest(string Text, string Source)
{
    /// <summary>The person: the chat user name (chat), the signed-in user (dashboard); for CLI and API the token's name is used.</summary>
    public string? UserName { get; init; }

    /// <summary>The chat channel the command was typed in, without '#'; only for chat, and only for display.</summary>
    public string? Channel { get; init; }

    /// <summary>
    /// The chat user's id (Slack's and Mattermost's <c>user_id</c>); only for chat. Policies match people by this, never
    /// by <see cref="UserName"/>, which people can change.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The chat channel's id (<c>channel_id</c>); only for chat. The production channel is matched by this, never by
    /// <see cref="Channel"/>, which anyone can rename.
    /// </summary>
    public string? ChannelId { get; init; }

    /// <summary>The caller's token (CLI, API). Chat and dashboard requests may carry none: their front ends authenticate people themselves.</summary>
    public TokenPrincipal? Principal { get; init; }

    /// <summary>The client's address, recorded in audit events of API and CLI changes.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>
    /// What the chat platform says about where the command came from, kept in the audit details next to
    /// <c>chat_user</c> and <c>chat_channel</c>: e.g. <c>chat_platform</c>, <c>chat_user_id</c>, <c>chat_channel_id</c>
    /// (names can be renamed, ids cannot). Only for chat.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ChatDetails { get; init; }

    /// <summary>The request id, to join logs and audit events.</summary>
    public string? RequestId { get; init; }
}
