namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// How a fault test watches a replica. Today: its in-memory reads (<see cref="InMemoryReadObserver"/>). The SSE change
/// stream, once merged, can be a second observer: one that applies the events it receives and reports the view they
/// add up to, so every fault case also checks what a subscriber sees.
/// </summary>
internal interface IReplicaObserver
{
    /// <summary>What the replica currently serves for <paramref name="flag"/> in <paramref name="environment"/>.</summary>
    Task<ReplicaView> ViewAsync(string environment, string flag, CancellationToken cancellationToken);
}
