namespace Vexil.Server.Dashboard.Views;

/// <summary>One flag's row of the overview matrix.</summary>
/// <param name="Name">The flag.</param>
/// <param name="Definition">Its definition, or null when it has none.</param>
/// <param name="HasDefinitionErrors">True when its definition file has errors.</param>
/// <param name="PastLifetime">True when the flag has outlived its type's lifetime (the lifecycle's rule: <see cref="LifetimeMark"/>).</param>
/// <param name="Cells">One cell per environment, in configured order.</param>
public sealed record OverviewRow(string Name, FlagDefinition? Definition, bool HasDefinitionErrors, bool PastLifetime, IReadOnlyList<CellSummary> Cells)
{
    /// <summary>Why the lifecycle judges the flag stale, or null when it does not (or has not judged yet).</summary>
    public Lifecycle.StaleFlag? Stale { get; init; }
}
