using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Evaluations;

/// <summary>
/// Wraps the configured <see cref="IEvaluationCountStore"/> so every call has a deadline and reports outages as
/// <see cref="StoreUnavailableException"/> (see <see cref="StoreCall"/>): an SDK's report during a database outage is
/// answered 503 with <c>Retry-After</c> like every other write, and the SDK keeps its counts for the next window.
/// </summary>
internal sealed class GuardedEvaluationCountStore(IEvaluationCountStore inner, string provider) : IEvaluationCountStore
{
    /// <inheritdoc />
    public Task RecordAsync(string environment, IReadOnlyList<EvaluationCountIncrement> increments, DateTimeOffset evaluatedAt, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.RecordAsync(environment, increments, evaluatedAt, t), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagEvaluationCounts>> GetAsync(string flag, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.GetAsync(flag, t), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagEvaluationCounts>> ListAsync(string environment, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.ListAsync(environment, t), cancellationToken);
}
