using Vexil.Server.Configuration;

namespace Vexil.Server.ChatOps;

/// <summary>
/// <c>Vexil:ChatOps</c> settings shared by the chat endpoints (the production channel and users are
/// <see cref="Commands.ChatOpsPolicyOptions"/> in the same section).
/// </summary>
public sealed class ChatEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:ChatOps";

    /// <summary>Slack gives up on a slash command after 3 seconds; the acknowledgement must be out before.</summary>
    public static readonly TimeSpan SlackDeadline = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a command may run before the endpoint answers "working on it" and posts the result to
    /// <c>response_url</c> later: seconds (<c>2</c>) or a time span, below 3 seconds; 2 seconds by default. A command
    /// that announces a production check is acknowledged at once, whatever this says. <c>0</c> acknowledges every command
    /// at once and always answers on <c>response_url</c>.
    /// </summary>
    public string? AcknowledgeAfter { get; set; }

    /// <summary><see cref="AcknowledgeAfter"/> as a span; null when it is invalid.</summary>
    public TimeSpan? ParseAcknowledgeAfter() =>
        DurationSetting.Parse(AcknowledgeAfter, TimeSpan.FromSeconds(2), allowZero: true) is { } value && value < SlackDeadline ? value : null;
}
