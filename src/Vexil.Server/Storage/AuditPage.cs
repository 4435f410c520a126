namespace Vexil.Server.Storage;

/// <summary>One page of audit events, newest first, with the total count that matched.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Page, int PageSize, long Total);
