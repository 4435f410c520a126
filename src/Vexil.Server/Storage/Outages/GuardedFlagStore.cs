namespace Vexil.Server.Storage.Outages;

/// <summary>
/// Wraps the configured <see cref="IFlagStore"/> so every call has a deadline and reports outages as
/// <see cref="StoreUnavailableException"/> (see <see cref="StoreCall"/>). <see cref="InitializeAsync"/> gets no deadline:
/// migrations may take long on a big database; start-up bounds the connection itself.
/// </summary>
internal class GuardedFlagStore(IFlagStore inner) : IFlagStore, IAsyncDisposable, IDisposable
{
    /// <summary>How long <c>/health</c> waits for a ping (plus <see cref="PingGrace"/>): it must answer within 2 s even when the database hangs.</summary>
    public static readonly TimeSpan PingDeadline = TimeSpan.FromSeconds(1);

    /// <summary>How long after <see cref="PingDeadline"/> a ping is abandoned when the provider ignores the cancellation.</summary>
    public static readonly TimeSpan PingGrace = TimeSpan.FromSeconds(0.5);

    /// <summary>The wrapped store.</summary>
    public IFlagStore Inner => inner;

    /// <inheritdoc />
    public string Provider => inner.Provider;

    /// <summary>Wraps <paramref name="store"/>, keeping its change signal when it has one.</summary>
    public static IFlagStore Wrap(IFlagStore store) => store is IChangeSignal ? new Signalling(store) : new GuardedFlagStore(store);

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.InitializeAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not (StoreUnavailableException or StoreSchemaException) && StoreFailures.Classify(exception) is { } outage)
        {
            throw new StoreUnavailableException(StoreFailures.Message(outage.Reason, StoreCallKind.Read, false), false, exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await StoreCall.RunAsync(Provider, StoreCallKind.Read, inner.PingAsync, cancellationToken, PingDeadline, PingGrace);
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, token => inner.LoadEnvironmentAsync(environment, token), cancellationToken, StoreCall.LoadDeadline);

    /// <inheritdoc />
    public Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        // Argument errors are the caller's, not an outage: let them surface before the call is sent anywhere.
        StoreArguments.ValidateChange(request);
        return StoreCall.RunAsync(Provider, StoreCallKind.TrackedWrite, token => inner.ApplyAsync(request, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Write, token => inner.AppendRecordAsync(record, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, token => inner.GetSequencesAsync(token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEvent>> GetChangesSinceAsync(string environment, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, token => inner.GetChangesSinceAsync(environment, afterSequence, limit, token), cancellationToken);

    /// <inheritdoc />
    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, token => inner.QueryAuditAsync(query, token), cancellationToken, StoreCall.ScanDeadline);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => (inner as IDisposable)?.Dispose();

    // The change signal is a long-lived listening connection, not a call: it gets no deadline, and its own loop
    // reconnects when it drops.
    private sealed class Signalling(IFlagStore inner) : GuardedFlagStore(inner), IChangeSignal
    {
        public IAsyncEnumerable<string?> ListenAsync(CancellationToken cancellationToken = default) => ((IChangeSignal)Inner).ListenAsync(cancellationToken);
    }
}
