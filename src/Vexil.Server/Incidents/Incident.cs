namespace Vexil.Server.Incidents;

/// <summary>
/// An incident recorded in Vexil. While an incident of severity 1 or 2 is open, the production check refuses changes
/// to protected environments (GitLab's ChatOps blocks on active S1/S2 incidents the same way).
/// </summary>
/// <param name="Id">The store's id.</param>
/// <param name="Title">What is wrong, in a few words.</param>
/// <param name="Severity">1 (critical) to 4 (low).</param>
/// <param name="OpenedBy">Who opened it.</param>
/// <param name="OpenedAt">When, in UTC.</param>
/// <param name="ClosedBy">Who closed it; null while open.</param>
/// <param name="ClosedAt">When it was closed, in UTC; null while open.</param>
public sealed record Incident(
    long Id,
    string Title,
    int Severity,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt)
{
    /// <summary>The most severe level.</summary>
    public const int HighestSeverity = 1;

    /// <summary>The least severe level.</summary>
    public const int LowestSeverity = 4;

    /// <summary>Incidents at this severity or more severe (a lower number) block production changes.</summary>
    public const int BlockingSeverity = 2;

    /// <summary>True until the incident is closed.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>True when the incident is open and severe enough (1 or 2) to block production changes.</summary>
    public bool BlocksProductionChanges => IsOpen && Severity <= BlockingSeverity;
}
