namespace Vexil.Server.Storage.Outages;

/// <summary>What a store call does, which decides what a failure may have left behind.</summary>
public enum StoreCallKind
{
    /// <summary>Reads only: a failure leaves nothing behind.</summary>
    Read,

    /// <summary>
    /// A write whose store does not say how far it got: a timeout or a broken connection may have come after the
    /// server committed, so such a failure is reported as "may or may not have been applied".
    /// </summary>
    Write,

    /// <summary>
    /// A write whose store reports itself when its commit was already sent (by throwing
    /// <see cref="StoreUnavailableException"/> with <see cref="StoreUnavailableException.MayHaveApplied"/>): any other
    /// failure, a cancelled deadline included, happened before the commit and left nothing written.
    /// </summary>
    TrackedWrite,
}
