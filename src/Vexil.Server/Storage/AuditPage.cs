namespace Vexil.Server.Storage;

/// <summary>One page of audit events, newest first, with the total count that matched.</summary>
/// <param name="Events">The accepted changes on the page.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Entries per page.</param>
/// <param name="Total">How many entries matched in all.</param>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Page, int PageSize, long Total)
{
    private readonly IReadOnlyList<AuditEntry>? entries;

    /// <summary>
    /// Every entry on the page, newest first: the changes and, when the query asked for them
    /// (<see cref="AuditQuery.IncludeRecords"/>, <see cref="AuditQuery.IncludeAttempts"/>), the other audit records.
    /// </summary>
    public IReadOnlyList<AuditEntry> Entries
    {
        get => entries ?? Events.Select(change => new AuditEntry(change, null)).ToArray();
        init => entries = value;
    }
}
