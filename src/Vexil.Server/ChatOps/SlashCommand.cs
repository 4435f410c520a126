using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Vexil.Server.ChatOps;

/// <summary>
/// The fields Slack and Mattermost send with a slash command (<c>application/x-www-form-urlencoded</c>; both use the
/// same names).
/// </summary>
/// <param name="Text">What follows the command, e.g. <c>run feature set x true</c>.</param>
/// <param name="UserName">The user's name (<c>user_name</c>).</param>
/// <param name="UserId">The user's id (<c>user_id</c>), which survives renames.</param>
/// <param name="ChannelName">The channel's name (<c>channel_name</c>), without '#'.</param>
/// <param name="ChannelId">The channel's id (<c>channel_id</c>).</param>
/// <param name="TeamDomain">The workspace or team (<c>team_domain</c>).</param>
/// <param name="Command">The command typed, e.g. <c>/chatops</c>.</param>
/// <param name="ResponseUrl">Where later answers go (<c>response_url</c>).</param>
/// <param name="Token">The verification token (<c>token</c>); Mattermost's authentication.</param>
/// <param name="SslCheck">True for Slack's certificate check (<c>ssl_check=1</c>), which runs nothing.</param>
public sealed record SlashCommand(
    string Text,
    string? UserName,
    string? UserId,
    string? ChannelName,
    string? ChannelId,
    string? TeamDomain,
    string? Command,
    string? ResponseUrl,
    string? Token,
    bool SslCheck)
{
    /// <summary>
    /// The first field the body gives more than once (<c>text=a&amp;text=b</c>), or null. Slack and Mattermost never
    /// send one; the request is refused rather than the values joined or one of them picked.
    /// </summary>
    public string? RepeatedField { get; init; }

    /// <summary>Reads the fields of a form-encoded body (UTF-8).</summary>
    public static SlashCommand Parse(ReadOnlySpan<byte> body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string? Field(string name) => form.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;
        var repeated = form.FirstOrDefault(field => field.Value.Count > 1).Key;
        return new SlashCommand(
            form.TryGetValue("text", out var text) ? text.ToString() : string.Empty,
            Field("user_name"),
            Field("user_id"),
            Field("channel_name"),
            Field("channel_id"),
            Field("team_domain"),
            Field("command"),
            Field("response_url"),
            Field("token"),
            Field("ssl_check") == "1")
        {
            RepeatedField = repeated,
        };
    }

    /// <summary>
    /// The command text for the executor: trimmed, and without the leading <c>run</c> of <c>/chatops run feature ...</c>
    /// (the audit then records <c>feature set ...</c>, as the CLI would send it).
    /// </summary>
    public static string CommandText(string text)
    {
        var trimmed = text.Trim();
        const string Run = "run";
        return trimmed.Length > Run.Length
            && trimmed.StartsWith(Run, StringComparison.OrdinalIgnoreCase)
            && char.IsWhiteSpace(trimmed[Run.Length])
                ? trimmed[Run.Length..].TrimStart()
                : trimmed;
    }
}
