namespace Vexil.Server.Notifications;

/// <summary>The channel of the team that owns flags of one definition <c>group</c>.</summary>
public sealed class TeamChannelOptions
{
    /// <summary>
    /// The definition's <c>group</c>, e.g. <c>group::duo chat</c>; matched without regard to case, with or without
    /// the <c>group::</c> prefix (<c>duo chat</c> matches too).
    /// </summary>
    public string? Group { get; set; }

    /// <summary>The team channel's incoming webhook URL (a secret).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>True when this entry names <paramref name="definitionGroup"/>.</summary>
    public bool Matches(string? definitionGroup) =>
        !string.IsNullOrWhiteSpace(Group)
        && !string.IsNullOrWhiteSpace(definitionGroup)
        && string.Equals(Bare(Group), Bare(definitionGroup), StringComparison.OrdinalIgnoreCase);

    private static string Bare(string group)
    {
        var trimmed = group.Trim();
        return trimmed.StartsWith("group::", StringComparison.OrdinalIgnoreCase) ? trimmed["group::".Length..].Trim() : trimmed;
    }
}
