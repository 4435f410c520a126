namespace Vexil.Server.Commands;

/// <summary>
/// <c>Vexil:Commands</c>: the environments GitLab's consistency check compares. Enabling a flag on
/// <see cref="ProductionEnvironment"/> needs it enabled on <see cref="StagingEnvironment"/>, and disabling it on
/// staging is refused while production has it enabled. If either is not configured, the check is off.
/// </summary>
public sealed class CommandOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Commands";

    /// <summary>The environment that must lead (name or alias).</summary>
    public string StagingEnvironment { get; set; } = "staging";

    /// <summary>The environment that must follow (name or alias).</summary>
    public string ProductionEnvironment { get; set; } = "production";
}
