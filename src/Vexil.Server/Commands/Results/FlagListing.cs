namespace Vexil.Server.Commands.Results;

/// <summary>The answer of <c>feature list</c> for one environment: its stored flags, enabled and disabled, by name.</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Enabled">Flags that are on or conditional.</param>
/// <param name="Disabled">Flags that are off.</param>
public sealed record FlagListing(string Environment, IReadOnlyList<FlagListEntry> Enabled, IReadOnlyList<FlagListEntry> Disabled)
{
    /// <summary>GitLab's footer, e.g. "3 enabled features on staging".</summary>
    public string EnabledFooter => $"{Enabled.Count} enabled features on {Environment}";

    /// <summary>GitLab's footer, e.g. "1 disabled features on staging".</summary>
    public string DisabledFooter => $"{Disabled.Count} disabled features on {Environment}";
}
