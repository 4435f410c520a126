namespace Vexil.Client.Sync;

/// <summary>The server answered, but not with what the client can use (an HTTP error, a body that is not a snapshot).</summary>
internal sealed class SyncException(string message, bool streamUnavailable = false, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the server offers no stream (e.g. an older server): the client polls the snapshot instead.</summary>
    public bool StreamUnavailable { get; } = streamUnavailable;
}
