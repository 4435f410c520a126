namespace Vexil.Server.Storage.Outages;

/// <summary>
/// The database could not be reached, refused us, or did not answer within <see cref="StoreCall.Deadline"/>. Every
/// store translates its provider's failures (Npgsql, SQLite, sockets, timeouts) into this one exception, so the HTTP
/// layer answers 503 with <c>Retry-After</c> in each API's own shape without knowing any provider.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> is the sentence shown to people.</summary>
    public StoreUnavailableException(string message, bool mayHaveApplied, Exception? innerException = null)
        : base(message, innerException)
    {
        MayHaveApplied = mayHaveApplied;
    }

    /// <summary>
    /// True when the write may have been committed even though no answer came back (the database stopped answering
    /// after the commit was sent): the caller must not be told the change was refused, only that its outcome is unknown.
    /// </summary>
    public bool MayHaveApplied { get; }
}
