namespace Vexil.Cli.Api;

/// <summary><c>GET /api/v1/flags/stale</c>: the flags past their lifetime with evidence that they are done.</summary>
internal sealed class StaleFlags
{
    /// <summary>When the server judged.</summary>
    public DateTimeOffset AsOf { get; init; }

    /// <summary>The N of "for N days" in the rules.</summary>
    public int StaleAfterDays { get; init; }

    /// <summary>The stale flags, by name.</summary>
    public IReadOnlyList<StaleFlag> Flags { get; init; } = [];
}

/// <summary>One stale flag and why.</summary>
internal sealed class StaleFlag
{
    /// <summary>The flag.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its definition's type, or null when it has no definition.</summary>
    public string? Type { get; init; }

    /// <summary>The owning group, or null when it has no definition.</summary>
    public string? Group { get; init; }

    /// <summary>When its type's lifetime ended, when known.</summary>
    public DateTimeOffset? LifetimeEndedAt { get; init; }

    /// <summary>True when the flag has no definition any more.</summary>
    public bool Undefined { get; init; }

    /// <summary>The rules it meets, each with its evidence.</summary>
    public IReadOnlyList<StaleReasonInfo> Reasons { get; init; } = [];
}

/// <summary>One rule a stale flag meets.</summary>
internal sealed class StaleReasonInfo
{
    /// <summary><c>one_value</c>, <c>not_evaluated</c> or <c>no_definition</c>.</summary>
    public string Rule { get; init; } = "";

    /// <summary>The evidence in one sentence.</summary>
    public string Evidence { get; init; } = "";
}
