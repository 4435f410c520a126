namespace Vexil.Server.Api.Transfer;

/// <summary>The file formats flags are imported from and exported to.</summary>
public static class FlagFileFormats
{
    /// <summary>GitLab's <c>GET /api/v4/features</c>: an array of <c>{name, state, gates: [{key, value}]}</c>.</summary>
    public const string GitLab = "gitlab";

    /// <summary>Flipper's export, JSON version 1 (<c>Flipper.export</c>): <c>{version: 1, features: {name: {gate: value}}}</c>.</summary>
    public const string Flipper = "flipper";

    /// <summary>Both, as people write them.</summary>
    public static IReadOnlyList<string> All { get; } = [GitLab, Flipper];
}
