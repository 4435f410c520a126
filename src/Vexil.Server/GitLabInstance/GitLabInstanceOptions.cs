namespace Vexil.Server.GitLabInstance;

/// <summary>
/// <c>Vexil:GitLab</c>: the team's own GitLab instance, which Vexil talks to as a client: notes on rollout issues, the
/// feature-flag log project, and merge requests merged by squash or fast-forward (whose merge commit the repository
/// mirror cannot find from commit messages alone). Everything here is optional: without <see cref="Url"/> and
/// <see cref="Token"/> Vexil works from its own records and the repository mirror only.
/// </summary>
public sealed class GitLabInstanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:GitLab";

    /// <summary>The instance's base URL, e.g. <c>https://gitlab.example.com</c>; unset turns the integration off.</summary>
    public string? Url { get; set; }

    /// <summary>A personal, project or group access token with the <c>api</c> scope, sent as <c>PRIVATE-TOKEN</c>.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// The project (numeric id or <c>group/project</c> path) in which every change opens a feature-flag log issue, as
    /// GitLab's own <c>gitlab-com/gl-infra/feature-flag-log</c>; unset: no log issues.
    /// </summary>
    public string? FeatureFlagLogProject { get; set; }

    /// <summary>True when both <see cref="Url"/> and <see cref="Token"/> are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(Token);
}
