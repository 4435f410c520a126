namespace Vexil.Server.Commands;

/// <summary>
/// <c>Vexil:ChatOps</c>: who may change protected environments from chat, and where. (The chat endpoints read their
/// own settings, such as the Slack signing secret, from the same section.)
/// </summary>
public sealed class ChatOpsPolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:ChatOps";

    /// <summary>The only channel (name, without '#') where chat may change protected environments; GitLab's is <c>production</c>.</summary>
    public string ProductionChannel { get; set; } = "production";

    /// <summary>When not empty, only these chat users may change protected environments from chat.</summary>
    public List<string> ProductionUsers { get; set; } = [];
}
