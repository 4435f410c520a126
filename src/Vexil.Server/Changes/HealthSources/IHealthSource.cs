namespace Vexil.Server.Changes.HealthSources;

/// <summary>
/// A health source: one thing the production check (a guard rail) asks: open incidents, change locks, an external service. Sources fail closed: an
/// error or a timeout is reported as a problem, never as healthy.
/// </summary>
public interface IHealthSource
{
    /// <summary>A short name for logs, e.g. <c>incidents</c>.</summary>
    string Name { get; }

    /// <summary>
    /// How long the source may take; <see cref="TimeSpan.Zero"/> for quick local reads. Slow sources run last and only
    /// when the quick ones pass, and the person is told before one starts.
    /// </summary>
    TimeSpan MaximumDuration { get; }

    /// <summary>Asks the source.</summary>
    Task<HealthReport> CheckAsync(ProductionCheckRequest request, CancellationToken cancellationToken);
}
