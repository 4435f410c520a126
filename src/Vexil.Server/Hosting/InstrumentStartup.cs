using Vexil.Server.Api.Ofrep;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Hosting;

/// <summary>
/// Makes the owners of observable instruments at start-up. An observable instrument is registered by its owner's
/// constructor, and DI makes singletons on first use: without this, <c>vexil.snapshot.age</c> would be missing from
/// scrapes until something else asked for its owner.
/// </summary>
internal sealed class InstrumentStartup(OfrepEvaluationCounters evaluations, OfrepEventStreamGauge streams, SnapshotAgeGauge snapshotAge) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(evaluations);
        GC.KeepAlive(streams);
        GC.KeepAlive(snapshotAge);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
