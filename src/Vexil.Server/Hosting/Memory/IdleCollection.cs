using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Hosting.Memory;

/// <summary>
/// Gives back the memory an idle server accumulates: the garbage the runtime would leave uncollected for many minutes,
/// and what the C library keeps of memory native code has freed.
/// </summary>
/// <remarks>
/// With 10,000 idle change streams held (issue 13) the server's resident memory crept from 268 MB to 289 MB in nine
/// minutes with nothing live behind the growth (docs/benchmarks.md). Two things grew:
/// <list type="bullet">
/// <item>Native arenas (about 15 MB in ten minutes): SQLite and the runtime allocate through <c>malloc</c>, and glibc
/// keeps what they free; see <see cref="NativeHeap"/>.</item>
/// <item>Garbage (about 1 MB a minute): the server GC collects generation 0 after a budget it sizes from the CPU cache,
/// about 40 MB per heap on a machine with a 32 MB L3 cache (measured: one collection per 40 MB allocated), and an idle
/// server allocates only some 15 KB a second (its polls of the database), so it goes the better part of an hour
/// without a collection. The budget can only be set through an environment variable (<c>DOTNET_GCgen0size</c>), which
/// a shipped server cannot rely on, and a smaller one would collect a busy server more often, which is what made the
/// OFREP latency tail with DATAS.</item>
/// </list>
/// So once per <see cref="IdleCollectionOptions.IdleCollectionInterval"/>: if no gen-0 collection ran since the last
/// look and something was allocated, collect generation 0 (well under a millisecond when nearly all of it is garbage);
/// then trim the native arenas. A server under any load collects many times a second on its own and is never
/// collected by this.
/// </remarks>
internal sealed partial class IdleCollection(IOptions<IdleCollectionOptions> options, ILogger<IdleCollection> logger) : BackgroundService
{
    // Less than this allocated since the last look is left alone: there is nothing worth a collection.
    private const long WorthCollecting = 256 * 1024;

    private long allocatedAtLastLook = GC.GetTotalAllocatedBytes();
    private int collectionsAtLastLook = GC.CollectionCount(0);

    /// <summary>Generation-0 collections this service started.</summary>
    internal int Collections { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.IdleCollectionInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Look();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    /// <summary>One look: collects generation 0 if the interval was idle (true when it did), then trims native memory.</summary>
    internal bool Look()
    {
        var started = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedAtLastLook;
        var collect = GC.CollectionCount(0) == collectionsAtLastLook && allocated >= WorthCollecting;
        if (collect)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            Collections++;
        }

        var trimmed = NativeHeap.TryTrim();
        allocatedAtLastLook = GC.GetTotalAllocatedBytes();
        collectionsAtLastLook = GC.CollectionCount(0);
        LogLook(logger, collect, allocated / 1024, trimmed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return collect;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle look: collected generation 0: {Collected} ({AllocatedKb} KB allocated since the last look); native heap trimmed: {Trimmed}; {Milliseconds:0.00} ms.")]
    private static partial void LogLook(ILogger logger, bool collected, long allocatedKb, bool trimmed, double milliseconds);
}
