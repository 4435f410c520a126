namespace Vexil.Server.Storage;

/// <summary>The channels a change can come through, as recorded in <see cref="ChangeOrigin.Via"/>.</summary>
public static class ChangeChannels
{
    /// <summary>The <c>vexil</c> command line.</summary>
    public const string Cli = "cli";

    /// <summary>Slack or Mattermost.</summary>
    public const string Chat = "chat";

    /// <summary>The REST APIs.</summary>
    public const string Api = "api";

    /// <summary>The dashboard.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>A guarded rollout plan: its steps and rollbacks (the plan's id is in the audit details).</summary>
    public const string Rollout = "rollout";
}
