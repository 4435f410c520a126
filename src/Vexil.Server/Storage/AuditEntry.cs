namespace Vexil.Server.Storage;

/// <summary>One entry of the audit trail: exactly one of <see cref="Change"/> and <see cref="Record"/> is set.</summary>
/// <param name="Change">An accepted change.</param>
/// <param name="Record">Any other audit fact (an attempt, a token or incident entry ...).</param>
public sealed record AuditEntry(AuditEvent? Change, AuditRecord? Record)
{
    /// <summary>The entry's kind (<see cref="AuditKinds"/>).</summary>
    public string Kind => Record?.Kind ?? AuditKinds.Change;

    /// <summary>When it happened.</summary>
    public DateTimeOffset OccurredAt => Change?.OccurredAt ?? Record!.OccurredAt;
}
