namespace Vexil.Cli.Api;

/// <summary>One environment from <c>GET /api/v1/environments</c>; <c>vexil login</c> lists them to show the token works.</summary>
internal sealed class EnvironmentInfo
{
    /// <summary>The canonical name, e.g. <c>staging</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Other names, e.g. <c>gstg</c>.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>True for production-like environments.</summary>
    public bool Protected { get; init; }
}
