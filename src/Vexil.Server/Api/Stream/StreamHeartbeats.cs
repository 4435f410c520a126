using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// One timer for every open change stream: each tick queues a heartbeat on every subscription, which its stream writes
/// as <c>: heartbeat</c>. A timer per stream would cost memory and wake-ups that 10,000 idle streams feel.
/// </summary>
internal sealed class StreamHeartbeats(IOptions<StreamOptions> options) : BackgroundService
{
    private readonly ConcurrentDictionary<ChangeFeedSubscription, byte> subscriptions = new();

    /// <summary>Sends heartbeats to a subscription until the result is disposed.</summary>
    public IDisposable Register(ChangeFeedSubscription subscription)
    {
        subscriptions[subscription] = 0;
        return new Registration(this, subscription);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var subscription in subscriptions.Keys)
                {
                    ChangeFeed.Pulse(subscription);
                }
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
