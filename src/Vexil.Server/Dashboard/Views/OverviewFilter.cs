namespace Vexil.Server.Dashboard.Views;

/// <summary>The overview's search and filters, from the query string; empty members match everything.</summary>
/// <param name="Search">Part of the flag's name (case-insensitive).</param>
/// <param name="Type">The definition's type.</param>
/// <param name="Group">The definition's group.</param>
/// <param name="State">A cell state (<see cref="CellSummary.States"/>) that at least one environment has.</param>
public sealed record OverviewFilter(string? Search, string? Type, string? Group, string? State)
{
    /// <summary>Only flags the lifecycle judges stale (<c>?stale=1</c>).</summary>
    public bool StaleOnly { get; init; }

    /// <summary>True when <paramref name="row"/> passes every filter.</summary>
    public bool Matches(OverviewRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (string.IsNullOrWhiteSpace(Search) || row.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
               && (string.IsNullOrEmpty(Type) || string.Equals(row.Definition?.Type.Name ?? "none", Type, StringComparison.Ordinal))
               && (string.IsNullOrEmpty(Group) || string.Equals(row.Definition?.Group, Group, StringComparison.Ordinal))
               && (string.IsNullOrEmpty(State) || row.Cells.Any(cell => string.Equals(cell.State, State, StringComparison.Ordinal)))
               && (!StaleOnly || row.Stale is not null);
    }
}
