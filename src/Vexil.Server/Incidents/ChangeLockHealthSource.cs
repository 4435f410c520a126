using System.Globalization;
using Vexil.Server.Changes.HealthSources;

namespace Vexil.Server.Incidents;

/// <summary>A protected environment must not change while an active change lock covers it.</summary>
public sealed class ChangeLockHealthSource(IIncidentStore store, TimeProvider time) : IHealthSource
{
    /// <inheritdoc />
    public string Name => "change locks";

    /// <inheritdoc />
    public TimeSpan MaximumDuration => TimeSpan.Zero;

    /// <inheritdoc />
    public async Task<HealthReport> CheckAsync(ProductionCheckRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var locks = await store.ListChangeLocksAsync(now, cancellationToken);
        var holding = locks
            .Where(changeLock => changeLock.IsActiveAt(now) && request.Environments.Any(changeLock.Covers))
            .Select(changeLock => string.Create(
                CultureInfo.InvariantCulture,
                $"Change lock #{changeLock.Id} holds {Describe(changeLock)} until {changeLock.EndsAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {changeLock.Reason}"))
            .ToArray();
        return holding.Length == 0 ? HealthReport.Healthy : new HealthReport(holding);
    }

    private static string Describe(ChangeLock changeLock) =>
        changeLock.Environments.Count == 0 ? "every protected environment" : string.Join(", ", changeLock.Environments);
}
