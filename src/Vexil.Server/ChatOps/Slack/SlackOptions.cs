namespace Vexil.Server.ChatOps.Slack;

/// <summary><c>Vexil:ChatOps:Slack</c>: the Slack app's slash command endpoint, <c>POST /chatops/slack</c>.</summary>
public sealed class SlackOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:ChatOps:Slack";

    /// <summary>
    /// The Slack app's signing secret (Basic Information, App Credentials). Every request must carry Slack's signature
    /// made with it; without it the endpoint is off (404), never open.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// Lets the server answer on an http (not https) <c>response_url</c>. Slack always sends https; turn this on only for
    /// a test setup that plays Slack on a local address.
    /// </summary>
    public bool AllowHttpResponseUrl { get; set; }
}
