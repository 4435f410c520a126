namespace Vexil.Server.Commands;

/// <summary>
/// <c>Vexil:ChatOps</c>: who may change protected environments from chat, and where. People and channels are matched by
/// the ids Slack and Mattermost send (<c>user_id</c>, <c>channel_id</c>), never by names, which anyone can change.
/// (The chat endpoints read their own settings, such as the Slack signing secret, from the same section.)
/// </summary>
public sealed class ChatOpsPolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:ChatOps";

    /// <summary>The key of <see cref="ProductionChannel"/>, for messages.</summary>
    public const string ProductionChannelKey = Section + ":ProductionChannel";

    /// <summary>The key of <see cref="ProductionUsers"/>, for messages.</summary>
    public const string ProductionUsersKey = Section + ":ProductionUsers";

    /// <summary>
    /// The id of the only channel where chat may change protected environments (Slack <c>C0123456789</c>, Mattermost
    /// 26 letters and digits). Unset means nowhere: there is no default, because falling back to a channel name would let
    /// anyone who names a channel <c>production</c> change production.
    /// </summary>
    public string? ProductionChannel { get; set; }

    /// <summary>
    /// How refusals name the production channel (GitLab's "... only be invoked in the #production Slack channel."); for
    /// display only, never matched. <c>production</c> by default.
    /// </summary>
    public string ProductionChannelName { get; set; } = "production";

    /// <summary>When not empty, the ids of the only chat users who may change protected environments from chat.</summary>
    public List<string> ProductionUsers { get; set; } = [];
}
