namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// How a fault test watches a replica: its in-memory reads (<see cref="InMemoryReadObserver"/>), and a subscriber of its
/// SSE change stream that applies the events it receives and reports the view they add up to
/// (<see cref="StreamObserver"/>), so a fault case also checks what an SDK sees.
/// </summary>
internal interface IReplicaObserver
{
    /// <summary>What the replica currently serves for <paramref name="flag"/> in <paramref name="environment"/>.</summary>
    Task<ReplicaView> ViewAsync(string environment, string flag, CancellationToken cancellationToken);
}
