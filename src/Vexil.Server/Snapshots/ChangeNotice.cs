namespace Vexil.Server.Snapshots;

/// <summary>Tells subscribers that an environment's snapshot moved to a new sequence number.</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Sequence">The snapshot's sequence number now.</param>
/// <param name="Flag">The flag that changed, or null when the whole snapshot was rebuilt (e.g. definitions reloaded).</param>
public sealed record ChangeNotice(string Environment, long Sequence, string? Flag);
