using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// One timer for every open change stream: each stream gets a heartbeat queued once per
/// <see cref="StreamOptions.HeartbeatInterval"/>, which it writes as <c>: heartbeat</c>. A timer per stream would cost
/// memory and wake-ups that 10,000 idle streams feel.
/// </summary>
/// <remarks>
/// The interval is cut into <see cref="Slots"/> slots and each stream is given one in turn, so a tick (every 117 ms
/// with the default 15 s) pulses a 128th of the streams rather than all of them at once. Every heartbeat write takes
/// one of Kestrel's pooled 4 KB buffers until the socket has sent it; 10,000 streams pulsed together took 10,000
/// buffers at once (about 40 MB of pinned memory), which the pool later evicted as garbage that only a full collection
/// frees, so an idle server grew with every interval. Sixteen slots still left 625 buffers per tick and about 9 MB of
/// growth a minute; at 128 slots a tick needs some 80 buffers, which the pool keeps warm (docs/benchmarks.md).
/// </remarks>
internal sealed class StreamHeartbeats(IOptions<StreamOptions> options) : BackgroundService
{
    /// <summary>The slots the heartbeat interval is cut into.</summary>
    public const int Slots = 128;

    // The value is the stream's slot.
    private readonly ConcurrentDictionary<ChangeFeedSubscription, byte> subscriptions = new();
    private int registered;

    /// <summary>Sends heartbeats to a subscription until the result is disposed.</summary>
    public IDisposable Register(ChangeFeedSubscription subscription)
    {
        subscriptions[subscription] = SlotOf(Interlocked.Increment(ref registered));
        return new Registration(this, subscription);
    }

    /// <summary>Queues a heartbeat on every stream of <paramref name="slot"/>; returns how many there were.</summary>
    internal int PulseSlot(int slot)
    {
        var pulsed = 0;
        foreach (var (subscription, its) in subscriptions)
        {
            if (its == slot)
            {
                ChangeFeed.Pulse(subscription);
                pulsed++;
            }
        }

        return pulsed;
    }

    /// <summary>The slot of the <paramref name="count"/>-th registration: slots are handed out in turn.</summary>
    internal static byte SlotOf(int count) => (byte)((uint)count % Slots);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // PeriodicTimer takes nothing under a millisecond: a shorter interval (tests only) just beats less often.
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, options.Value.HeartbeatInterval.Ticks / Slots));
        using var timer = new PeriodicTimer(tick);
        var slot = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                PulseSlot(slot);
                slot = (slot + 1) % Slots;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    private sealed class Registration(StreamHeartbeats owner, ChangeFeedSubscription subscription) : IDisposable
    {
        public void Dispose() => owner.subscriptions.TryRemove(subscription, out _);
    }
}
