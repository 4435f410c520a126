using System.Diagnostics.Metrics;
using Vexil.Server.Telemetry;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// The number of OFREP event streams open on this server (<c>vexil.ofrep.event_streams</c>), moved by
/// <see cref="OfrepEventStreamLimits"/> as streams take and give back their place, so the gauge and the limits agree.
/// </summary>
internal sealed class OfrepEventStreamGauge
{
    private readonly UpDownCounter<long> open;

    /// <summary>Registers the instrument on the server's meter.</summary>
    public OfrepEventStreamGauge(IMeterFactory meters) =>
        open = VexilMeter.Create(meters).CreateUpDownCounter<long>(
            "vexil.ofrep.event_streams",
            unit: "{stream}",
            description: "OFREP event streams open on this server.");

    /// <summary>A stream opened.</summary>
    public void Opened() => open.Add(1);

    /// <summary>A stream closed.</summary>
    public void Closed() => open.Add(-1);
}
