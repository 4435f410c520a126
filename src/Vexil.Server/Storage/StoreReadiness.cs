namespace Vexil.Server.Storage;

/// <summary>
/// Whether the store was already initialized before the host started (the server's entry point does so, to refuse a
/// database it cannot use with one line rather than a stack trace), so <see cref="StorageInitializer"/> does not
/// migrate twice.
/// </summary>
public sealed class StoreReadiness
{
    /// <summary>True once migrations were applied in this process.</summary>
    public bool Initialized { get; set; }
}
