namespace Vexil.Server.Notifications;

/// <summary>
/// <c>Vexil:Notifications:EndToEnd</c>: GitLab's ChatOps starts the QA end-to-end suite when a flag changes on
/// staging or production, so a flag that breaks the product is caught before the next deploy. Vexil does the same
/// through a pipeline trigger (e.g. GitLab's <c>POST /api/v4/projects/:id/trigger/pipeline</c>).
/// </summary>
public sealed class EndToEndOptions
{
    /// <summary>The environments used when <see cref="Environments"/> is not set: GitLab's gstg and gprd.</summary>
    public static readonly IReadOnlyList<string> DefaultEnvironments = ["staging", "production"];

    /// <summary>The pipeline trigger URL; unset turns the trigger off.</summary>
    public string? TriggerUrl { get; set; }

    /// <summary>The trigger token, sent as the <c>token</c> form field (a secret: never stored or shown).</summary>
    public string? Token { get; set; }

    /// <summary>The branch the pipeline runs on (<c>ref</c>); <c>master</c> by default.</summary>
    public string Ref { get; set; } = "master";

    /// <summary>The environments (names or aliases) whose changes trigger the tests; null means <see cref="DefaultEnvironments"/>.</summary>
    public List<string>? Environments { get; set; }

    /// <summary>A change scoped only to this user (<c>--user</c>) still triggers the tests; GitLab's is <c>gitlab-qa</c>.</summary>
    public string QaUser { get; set; } = "gitlab-qa";

    /// <summary>A change scoped only to this group (<c>--group</c>) still triggers the tests; GitLab's is <c>gitlab-qa-sandbox-group</c>.</summary>
    public string QaGroup { get; set; } = "gitlab-qa-sandbox-group";

    /// <summary>True when a trigger URL is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(TriggerUrl);
}
