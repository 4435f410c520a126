namespace Vexil.Cli.Api;

/// <summary>A page of audit events, newest first.</summary>
internal sealed class AuditPage
{
    /// <summary>The page number, from 1.</summary>
    public int Page { get; init; }

    /// <summary>Events per page.</summary>
    public int PageSize { get; init; }

    /// <summary>Events matching the filters, on all pages.</summary>
    public long Total { get; init; }

    /// <summary>This page's events.</summary>
    public IReadOnlyList<AuditEntry> Events { get; init; } = [];
}
