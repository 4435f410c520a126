namespace Vexil.Server.Storage;

/// <summary>
/// Implemented by stores that can push "something changed" to other server processes (PostgreSQL LISTEN/NOTIFY).
/// The signal only names the environment; the change feed remains the source of truth, so a lost signal costs
/// latency (the next poll finds the change), never correctness.
/// </summary>
public interface IChangeSignal
{
    /// <summary>
    /// Listens on one connection until it fails or <paramref name="cancellationToken"/> is cancelled. Yields
    /// <see langword="null"/> first, once the signal is in place: from then on every commit is signalled, but changes
    /// committed before it (while this process was not listening) were not, so the caller catches up every environment
    /// by sequence number. After that it yields the name of an environment each time a change to it is committed by any
    /// process. A dropped or silent connection ends the enumeration with an exception; the caller listens again.
    /// </summary>
    IAsyncEnumerable<string?> ListenAsync(CancellationToken cancellationToken = default);
}
