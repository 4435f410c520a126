namespace Vexil.Server.Storage;

/// <summary>The outcome of <see cref="IFlagStore.ApplyAsync"/>.</summary>
/// <param name="Refusal">Null when accepted; otherwise the reason (e.g. GitLab's "Opt-out exists for ..."), and nothing was written.</param>
/// <param name="Event">The audit event written; null when refused, or for a delete of a flag that was not stored (nothing changed).</param>
public sealed record ChangeResult(string? Refusal, AuditEvent? Event)
{
    /// <summary>True when the change was accepted.</summary>
    public bool Accepted => Refusal is null;

    /// <summary>An accepted change.</summary>
    public static ChangeResult Applied(AuditEvent? auditEvent) => new(null, auditEvent);

    /// <summary>A refused change.</summary>
    public static ChangeResult Refused(string reason) => new(reason, null);
}
