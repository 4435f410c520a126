namespace Vexil.Server.Environments;

/// <summary>One configured environment.</summary>
public sealed class EnvironmentDefinition
{
    /// <summary>The canonical name, e.g. <c>staging</c>; also the chat flag (<c>--staging</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Other names accepted for it, e.g. GitLab's <c>gstg</c>.</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Protected environments need explicit rights and pass the production checks before a change.</summary>
    public bool Protected { get; set; }
}
