using Vexil.Server.Commands;

namespace Vexil.Server.Changes.HealthSources;

/// <summary>
/// GitLab's production check: before a protected environment changes, ask whether production is healthy enough
/// (no severe incident, no change lock, an optional external verdict). Skipped with <c>--ignore-production-check</c>.
/// </summary>
public interface IProductionCheck
{
    /// <summary>The longest the check can take, so front ends know whether to warn and how long to wait; zero when every source is local.</summary>
    TimeSpan MaximumDuration { get; }

    /// <summary>
    /// Runs the check. <paramref name="progress"/> hears "Production check initiated, this may take up to N seconds
    /// ..." before a slow source starts.
    /// </summary>
    Task<ProductionCheckResult> CheckAsync(ProductionCheckRequest request, CommandProgress? progress, CancellationToken cancellationToken);
}
