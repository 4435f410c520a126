namespace Vexil.Server.Definitions;

/// <summary>Where flag definitions live and whether edits are picked up live (configuration section <c>Vexil:Definitions</c>).</summary>
public sealed class DefinitionOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Vexil:Definitions";

    /// <summary>
    /// Folders holding <c>&lt;type&gt;/&lt;name&gt;.yml</c> definitions, or GitLab-style repository roots holding
    /// <c>config/feature_flags</c>. Relative folders resolve against the content root. Empty means no definitions.
    /// </summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Reload when a definition file changes. On by default; turn off where files never change (containers).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// How long the folders must stay quiet after a change before reloading: editors and <c>git checkout</c> write
    /// many files in bursts, and one reload after the burst beats one per file.
    /// </summary>
    public TimeSpan WatchDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}
