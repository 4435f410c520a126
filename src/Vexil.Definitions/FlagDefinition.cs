namespace Vexil.Definitions;

/// <summary>
/// A validated GitLab flag definition (<c>&lt;type&gt;/&lt;name&gt;.yml</c>) and the file it came from. Only the loader
/// builds these from files, and only when every rule passed, so the required properties are always set.
/// </summary>
public sealed record FlagDefinition
{
    /// <summary>The flag's name (<c>name</c>), e.g. <c>duo_chat_multi_thread</c>.</summary>
    public required string Name { get; init; }

    /// <summary>URL of the feature issue or epic (<c>feature_issue_url</c>), or null when the file leaves it empty.</summary>
    public string? FeatureIssueUrl { get; init; }

    /// <summary>URL of the merge request that introduced the flag (<c>introduced_by_url</c>).</summary>
    public required string IntroducedByUrl { get; init; }

    /// <summary>URL of the rollout issue (<c>rollout_issue_url</c>), or null when the file leaves it empty.</summary>
    public string? RolloutIssueUrl { get; init; }

    /// <summary>The milestone that introduced the flag (<c>milestone</c>), exactly as written, e.g. <c>17.9</c>.</summary>
    public required string Milestone { get; init; }

    /// <summary>Whether checks of the flag are logged (<c>log_state_changes</c>), or null when the file leaves it out.</summary>
    public bool? LogStateChanges { get; init; }

    /// <summary>The flag's type (<c>type</c>), which also names the folder the file sits in.</summary>
    public required DefinitionType Type { get; init; }

    /// <summary>The owning group (<c>group</c>), e.g. <c>group::duo chat</c>.</summary>
    public required string Group { get; init; }

    /// <summary>The state of the flag wherever nobody has set it (<c>default_enabled</c>).</summary>
    public required bool DefaultEnabled { get; init; }

    /// <summary>
    /// True when the file says <c>lifecycle: permanent</c> (Vexil's own field): the flag is kept on purpose and never
    /// reported stale, whatever its type's lifetime.
    /// </summary>
    public bool Permanent { get; init; }

    /// <summary>Full path of the YAML file this definition was read from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>
    /// The file relative to the configured definitions folder it was found in, with <c>/</c> separators (e.g.
    /// <c>beta/my_flag.yml</c>): what answers show, rather than where the server keeps its files. Defaults to the
    /// file's name.
    /// </summary>
    public string RelativePath
    {
        get => relativePath ?? Path.GetFileName(SourcePath);
        init => relativePath = value;
    }

    private readonly string? relativePath;

    /// <summary>
    /// The YAML fields in GitLab's order (<see cref="DefinitionFields.All"/>), every one present, with null for an
    /// optional field the file leaves out. Values are strings, booleans or null: what the Features API returns as
    /// "the YAML fields" of a definition.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields =>
    [
        new(DefinitionFields.Name, Name),
        new(DefinitionFields.FeatureIssueUrl, FeatureIssueUrl),
        new(DefinitionFields.IntroducedByUrl, IntroducedByUrl),
        new(DefinitionFields.RolloutIssueUrl, RolloutIssueUrl),
        new(DefinitionFields.Milestone, Milestone),
        new(DefinitionFields.LogStateChanges, LogStateChanges),
        new(DefinitionFields.Type, Type.Name),
        new(DefinitionFields.Group, Group),
        new(DefinitionFields.DefaultEnabled, DefaultEnabled),
    ];
}
