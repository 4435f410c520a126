using System.Diagnostics.Metrics;

namespace Vexil.Server.Telemetry;

/// <summary>
/// The name of the server's own meter. Each concern makes its instruments on it through <see cref="IMeterFactory"/>,
/// which hands every caller in one service provider the same <see cref="Meter"/> and disposes it with the provider, so
/// two servers in one process (tests) never mix their numbers.
/// </summary>
public static class VexilMeter
{
    /// <summary>The meter's name, <c>Vexil.Server</c>; what the OpenTelemetry meter provider listens to.</summary>
    public const string Name = "Vexil.Server";

    /// <summary>The server's meter from <paramref name="factory"/>.</summary>
    public static Meter Create(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Create(Name);
    }
}
