namespace Vexil.Cli.Api;

/// <summary>One entry of the audit trail from <c>GET /api/v1/audit</c>: a change, an attempt, a token or incident entry.</summary>
internal sealed class AuditEntry
{
    /// <summary>What the entry is: <c>change</c>, <c>attempt</c>, <c>token_created</c>, ... (servers before 0.5 send none: a change).</summary>
    public string? Kind { get; init; }

    /// <summary>Why a guard rail refused an attempt; null for other entries.</summary>
    public string? Refusal { get; init; }

    /// <summary>The event's id.</summary>
    public long Id { get; init; }

    /// <summary>The environment's change sequence number; null for entries that are not changes.</summary>
    public long? Sequence { get; init; }

    /// <summary>When the change was made.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The environment changed.</summary>
    public string? Environment { get; init; }

    /// <summary>The flag changed.</summary>
    public string? Flag { get; init; }

    /// <summary>What was done, e.g. <c>set</c> or <c>delete</c>.</summary>
    public string? Action { get; init; }

    /// <summary>The gates after the change; null when the flag was deleted.</summary>
    public GateValues? After { get; init; }

    /// <summary>Who made the change.</summary>
    public string User { get; init; } = "";

    /// <summary>Which way the change came in (cli, chat, api, dashboard).</summary>
    public string Via { get; init; } = "";

    /// <summary>Where the change came from (a chat channel, an address).</summary>
    public string? From { get; init; }

    /// <summary>Why, when the person said.</summary>
    public string? Reason { get; init; }

    /// <summary>A one-line description of the change.</summary>
    public string? Title { get; init; }
}
