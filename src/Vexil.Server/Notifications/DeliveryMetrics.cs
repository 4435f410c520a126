using System.Diagnostics.Metrics;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Telemetry;

namespace Vexil.Server.Notifications;

/// <summary>
/// The delivery outbox's instruments: failed attempts as they happen (<c>vexil.notifications.delivery_failures</c>, with
/// <c>result</c> <c>retry</c> or <c>dead_lettered</c>) and the number of deliveries waiting and dead-lettered
/// (<c>vexil.notifications.deliveries</c>, by <c>status</c>). The numbers of the queue live in the database, shared by
/// every replica; they are counted every <see cref="SampleInterval"/> in the background, never at scrape time, so a slow
/// or absent database never holds a scrape up.
/// </summary>
public sealed class DeliveryMetrics : BackgroundService
{
    /// <summary>How often the queue is counted.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(15);

    private readonly INotificationDeliveryStore store;
    private readonly ILogger<DeliveryMetrics> logger;
    private readonly Counter<long> failures;
    private long pending = -1;
    private long deadLettered = -1;

    /// <summary>Registers the instruments on the server's meter.</summary>
    public DeliveryMetrics(IMeterFactory meters, INotificationDeliveryStore store, ILogger<DeliveryMetrics> logger)
    {
        this.store = store;
        this.logger = logger;
        var meter = VexilMeter.Create(meters);
        failures = meter.CreateCounter<long>(
            "vexil.notifications.delivery_failures",
            unit: "{attempt}",
            description: "Failed delivery attempts, by result: retry (tried again later) or dead_lettered (given up).");
        meter.CreateObservableGauge("vexil.notifications.deliveries", Observe, unit: "{delivery}", description: "Deliveries in the outbox waiting to be sent (pending) or given up (dead_lettered), counted every 15 s.");
    }

    /// <summary>A failed attempt that will be retried.</summary>
    public void Retrying() => failures.Add(1, new KeyValuePair<string, object?>("result", "retry"));

    /// <summary>A failed attempt after which the delivery is dead-lettered.</summary>
    public void DeadLettered() => failures.Add(1, new KeyValuePair<string, object?>("result", "dead_lettered"));

    /// <summary>Counts the queue now; a failure keeps the last numbers and is logged.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var waiting = await store.ListAsync(new DeliveryQuery(DeliveryStatus.Pending, 1, 1), cancellationToken);
            var given = await store.ListAsync(new DeliveryQuery(DeliveryStatus.DeadLettered, 1, 1), cancellationToken);
            Interlocked.Exchange(ref pending, waiting.Total);
            Interlocked.Exchange(ref deadLettered, given.Total);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The outage itself is reported by the store and health; a metric sample is not worth a stack trace.
            logger.LogDebug("Could not count the notification deliveries for metrics: {Error}", exception.Message);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Nothing is reported before the first successful count, rather than a zero that would look like an empty queue.
    private IEnumerable<Measurement<long>> Observe()
    {
        var waiting = Interlocked.Read(ref pending);
        var given = Interlocked.Read(ref deadLettered);
        if (waiting >= 0)
        {
            yield return new Measurement<long>(waiting, new KeyValuePair<string, object?>("status", "pending"));
            yield return new Measurement<long>(given, new KeyValuePair<string, object?>("status", "dead_lettered"));
        }
    }
}
