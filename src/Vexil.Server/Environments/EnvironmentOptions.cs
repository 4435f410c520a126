namespace Vexil.Server.Environments;

/// <summary>
/// Configuration of the environments (<c>Vexil:Environments</c>) and the default one. When no environment is
/// configured, GitLab's set is used: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops,
/// production-canary (gprd-cny, protected), production (gprd, protected).
/// </summary>
public sealed class EnvironmentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil";

    /// <summary>The environments, in the order commands run through them.</summary>
    public List<EnvironmentDefinition> Environments { get; set; } = [];

    /// <summary>The environment used when a request names none; GitLab's ChatOps defaults to production.</summary>
    public string DefaultEnvironment { get; set; } = "production";
}
