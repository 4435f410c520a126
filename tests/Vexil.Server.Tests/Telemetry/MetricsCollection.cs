using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>
/// The tests that read the server's own instruments back through <c>/metrics</c>. OpenTelemetry subscribes to meters
/// by name, process-wide, so a test server hosted in parallel with another would also see the other's instruments: an
/// unlabelled gauge such as <c>vexil_ofrep_event_streams</c> could then read the other server's value. In production
/// one process hosts one server; here these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Metrics read back";
}
