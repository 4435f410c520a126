namespace Vexil.Server.Changes.HealthSources;

/// <summary>The answer an external production check sends: <c>{"safe": true|false, "reasons": ["..."]}</c>.</summary>
/// <param name="Safe">True when production may change; required.</param>
/// <param name="Reasons">Why not, when not safe.</param>
public sealed record ExternalCheckAnswer(bool? Safe, IReadOnlyList<string>? Reasons);
