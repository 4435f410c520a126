using System.Text.RegularExpressions;

namespace Vexil.Server.Commands;

/// <summary>
/// Tells a chat platform's id from a name, so a configured name (which people can rename at will) is caught at start-up
/// instead of quietly matching nothing, or the wrong thing.
/// </summary>
internal static partial class ChatIdentifiers
{
    /// <summary>What an id looks like, for messages.</summary>
    public const string Examples = "Slack ids are capital letters and digits such as C0123456789 (channels) or U0123456789 (users); Mattermost ids are 26 lowercase letters and digits";

    /// <summary>
    /// True for a Slack id (a capital letter, then capitals and digits: <c>C024BE7LR</c>, <c>U2CERLKJA</c>, <c>W012A3CDE</c>)
    /// or a Mattermost id (26 lowercase letters and digits). Slack names are lowercase, so neither form is a Slack name.
    /// </summary>
    public static bool IsId(string? value) => value is not null && (SlackId().IsMatch(value) || MattermostId().IsMatch(value));

    /// <summary>The configured id as compared: trimmed; null when empty.</summary>
    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Z][A-Z0-9]{2,}$")]
    private static partial Regex SlackId();

    [GeneratedRegex("^[a-z0-9]{26}$")]
    private static partial Regex MattermostId();
}
