using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Vexil.Server.Notifications;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>The outbox gauges: counted from the store in the background, absent until a count succeeds.</summary>
[Collection(MetricsCollection.Name)]
public sealed class DeliveryMetricsTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task The_queue_is_reported_by_status_after_a_count_and_not_before()
    {
        var store = new CountingStore { Pending = 7, DeadLettered = 2 };
        var metrics = new DeliveryMetrics(services.GetRequiredService<IMeterFactory>(), store, NullLogger<DeliveryMetrics>.Instance);
        Assert.Empty(Observe());

        await metrics.SampleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, long> { ["pending"] = 7, ["dead_lettered"] = 2 }, Observe());
    }

    [Fact]
    public async Task A_failed_count_keeps_the_last_numbers()
    {
        var store = new CountingStore { Pending = 3 };
        var metrics = new DeliveryMetrics(services.GetRequiredService<IMeterFactory>(), store, NullLogger<DeliveryMetrics>.Instance);
        await metrics.SampleAsync(TestContext.Current.CancellationToken);

        store.Fail = true;
        await metrics.SampleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, Observe()["pending"]);
    }

    /// <inheritdoc />
    public void Dispose() => services.Dispose();

    private Dictionary<string, long> Observe()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this provider's meter: servers of other tests in this process publish the same instrument.
            if (instrument.Name == "vexil.notifications.deliveries" && ReferenceEquals(instrument.Meter.Scope, services.GetRequiredService<IMeterFactory>()))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => seen[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    private sealed class CountingStore : INotificationDeliveryStore
    {
        public long Pending { get; init; }

        public long DeadLettered { get; init; }

        public bool Fail { get; set; }

        public Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default) =>
            Fail
                ? Task.FromException<DeliveryPage>(new InvalidOperationException("database away"))
                : Task.FromResult(new DeliveryPage([], 1, 1, query.Status == DeliveryStatus.Pending ? Pending : DeadLettered));

        public Task<IReadOnlyList<AuditEvent>> PendingChangesAsync(int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task EnqueueAsync(AuditEvent change, IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Delivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task MarkDeliveredAsync(long id, DateTimeOffset at, int? statusCode, NewDelivery? followUp, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task MarkFailedAsync(long id, DateTimeOffset at, int? statusCode, string error, DateTimeOffset? retryAt, NewDelivery? followUp, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Delivery?> GetAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Delivery?> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> PruneAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
