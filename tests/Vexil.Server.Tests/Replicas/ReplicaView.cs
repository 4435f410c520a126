namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// What one replica serves for one flag of one environment: the environment's sequence number and the flag's gates (as
/// JSON, null when not persisted).
/// </summary>
internal sealed record ReplicaView(long Sequence, string? Gates);
