namespace Vexil.Server.Storage;

/// <summary>
/// Implemented by token stores that can tell other server processes at once that a token was revoked (PostgreSQL
/// LISTEN/NOTIFY). The periodic reload of the tokens stays the source of truth: a lost signal costs latency (the next
/// reload drops the token), never correctness.
/// </summary>
public interface ITokenRevocationSignal
{
    /// <summary>Yields the id of each token revoked by any process, as soon as the revocation is committed.</summary>
    IAsyncEnumerable<long> ListenForRevocationsAsync(CancellationToken cancellationToken = default);
}
