namespace Vexil.Server.ChatOps.Mattermost;

/// <summary><c>Vexil:ChatOps:Mattermost</c>: the Mattermost slash command endpoint, <c>POST /chatops/mattermost</c>.</summary>
public sealed class MattermostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:ChatOps:Mattermost";

    /// <summary>The slash command's token (shown when the command is created); without it the endpoint is off (404), never open.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Lets the server answer on an http <c>response_url</c>. Mattermost's <c>response_url</c> points at the Mattermost
    /// server itself, so this is needed when that server is reached over plain http (inside a private network).
    /// </summary>
    public bool AllowHttpResponseUrl { get; set; }
}
