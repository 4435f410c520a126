namespace Vexil.Server.Storage;

/// <summary>A filter over the audit log; null members match everything. Pages start at 1.</summary>
public sealed record AuditQuery(
    string? Flag = null,
    string? Environment = null,
    string? User = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50)
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 500;
}
