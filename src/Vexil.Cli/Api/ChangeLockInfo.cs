namespace Vexil.Cli.Api;

/// <summary>A change lock from <c>/api/v1/change-locks</c>: a window in which protected environments must not change.</summary>
internal sealed class ChangeLockInfo
{
    /// <summary>The id to remove it by.</summary>
    public long Id { get; init; }

    /// <summary>Why the environments are locked.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Start of the window, inclusive.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>End of the window, exclusive.</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>The protected environments it locks; empty means all of them.</summary>
    public IReadOnlyList<string>? Environments { get; init; }

    /// <summary>Who made it.</summary>
    public string? CreatedBy { get; init; }
}
