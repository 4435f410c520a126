namespace Vexil.Definitions;

/// <summary>
/// The field names of a GitLab definition file, in GitLab's order (<c>Feature::Shared::PARAMS</c>). The API returns a
/// definition's fields in this order, and error messages list them in it.
/// </summary>
public static class DefinitionFields
{
    /// <summary>The flag's name; must equal the file's name without <c>.yml</c>.</summary>
    public const string Name = "name";

    /// <summary>URL of the issue or epic describing the feature (optional).</summary>
    public const string FeatureIssueUrl = "feature_issue_url";

    /// <summary>URL of the merge request that introduced the flag.</summary>
    public const string IntroducedByUrl = "introduced_by_url";

    /// <summary>URL of the rollout issue, where state changes are noted (optional).</summary>
    public const string RolloutIssueUrl = "rollout_issue_url";

    /// <summary>The milestone that introduced the flag, as a string such as <c>'17.9'</c>.</summary>
    public const string Milestone = "milestone";

    /// <summary>Whether each check of the flag is logged (optional boolean).</summary>
    public const string LogStateChanges = "log_state_changes";

    /// <summary>The flag's type; must equal the name of the folder holding the file.</summary>
    public const string Type = "type";

    /// <summary>The owning group, e.g. <c>group::duo chat</c>.</summary>
    public const string Group = "group";

    /// <summary>The state of a flag nobody has set, in every environment.</summary>
    public const string DefaultEnabled = "default_enabled";

    /// <summary>
    /// Vexil's own field (not GitLab's): <c>lifecycle: permanent</c> opts the flag out of stale-flag reports, for a flag
    /// kept on purpose whose type would otherwise give it a lifetime. The only value is <see cref="PermanentLifecycle"/>.
    /// </summary>
    public const string Lifecycle = "lifecycle";

    /// <summary>The one value <see cref="Lifecycle"/> takes.</summary>
    public const string PermanentLifecycle = "permanent";

    /// <summary>Every field, in GitLab's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Name, FeatureIssueUrl, IntroducedByUrl, RolloutIssueUrl, Milestone, LogStateChanges, Type, Group, DefaultEnabled];

    /// <summary>Fields Vexil adds to GitLab's; accepted by the definition check, absent from GitLab's API answers.</summary>
    public static IReadOnlyList<string> VexilOnly { get; } = [Lifecycle];

    /// <summary>The fields a definition must have, in GitLab's order.</summary>
    public static IReadOnlyList<string> Required { get; } = [Name, IntroducedByUrl, Milestone, Type, Group, DefaultEnabled];
}
