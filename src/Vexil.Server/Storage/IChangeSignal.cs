namespace Vexil.Server.Storage;

/// <summary>
/// Implemented by stores that can push "something changed" to other server processes (PostgreSQL LISTEN/NOTIFY).
/// The signal only names the environment; the change feed remains the source of truth, so a lost signal costs
/// latency (the next poll finds the change), never correctness.
/// </summary>
public interface IChangeSignal
{
    /// <summary>Yields the name of an environment each time a change to it is committed by any process.</summary>
    IAsyncEnumerable<string> ListenAsync(CancellationToken cancellationToken = default);
}
