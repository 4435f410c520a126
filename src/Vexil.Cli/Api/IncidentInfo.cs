namespace Vexil.Cli.Api;

/// <summary>An incident from <c>/api/v1/incidents</c>. Severity 1 or 2 blocks production changes while open.</summary>
internal sealed class IncidentInfo
{
    /// <summary>The id to close it by.</summary>
    public long Id { get; init; }

    /// <summary>What is wrong.</summary>
    public string Title { get; init; } = "";

    /// <summary>1 (critical) to 4 (low).</summary>
    public int Severity { get; init; }

    /// <summary>Who opened it.</summary>
    public string? OpenedBy { get; init; }

    /// <summary>When it was opened.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Who closed it, if it is closed.</summary>
    public string? ClosedBy { get; init; }

    /// <summary>When it was closed, if it is.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
}
