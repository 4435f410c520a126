using System.Globalization;
using Vexil.Server.Changes.HealthSources;

namespace Vexil.Server.Incidents;

/// <summary>Production is not healthy while an incident of severity 1 or 2 is open in Vexil.</summary>
public sealed class IncidentHealthSource(IIncidentStore store) : IHealthSource
{
    /// <inheritdoc />
    public string Name => "incidents";

    /// <inheritdoc />
    public TimeSpan MaximumDuration => TimeSpan.Zero;

    /// <inheritdoc />
    public async Task<HealthReport> CheckAsync(ProductionCheckRequest request, CancellationToken cancellationToken)
    {
        var open = await store.ListIncidentsAsync(includeClosed: false, cancellationToken);
        var blocking = open
            .Where(incident => incident.BlocksProductionChanges)
            .OrderBy(incident => incident.Severity)
            .ThenBy(incident => incident.Id)
            .Select(incident => string.Create(
                CultureInfo.InvariantCulture,
                $"Incident #{incident.Id} (severity {incident.Severity}) is open: {incident.Title}"))
            .ToArray();
        return blocking.Length == 0 ? HealthReport.Healthy : new HealthReport(blocking);
    }
}
