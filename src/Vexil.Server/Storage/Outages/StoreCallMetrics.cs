using System.Diagnostics.Metrics;

namespace Vexil.Server.Storage.Outages;

/// <summary>
/// <c>vexil.store.call.duration</c>: how long each store call took, measured in <see cref="StoreCall"/>, which every
/// store call passes, so one place times every provider and every store. The meter is static because
/// <see cref="StoreCall"/> is: Storage knows nothing of the host's services, and a latency histogram shared by
/// servers in one process (tests) is harmless.
/// </summary>
public static class StoreCallMetrics
{
    /// <summary>The meter's name, listened to beside the server's own.</summary>
    public const string MeterName = "Vexil.Server.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "vexil.store.call.duration",
        unit: "s",
        description: "Duration of database calls, by provider, kind (read or write) and outcome (ok, unavailable, error, cancelled).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Records one call.</summary>
    public static void Record(string provider, StoreCallKind kind, string outcome, TimeSpan elapsed) =>
        Duration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("kind", kind == StoreCallKind.Read ? "read" : "write"),
            new KeyValuePair<string, object?>("outcome", outcome));
}
