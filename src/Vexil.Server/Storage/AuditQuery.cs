namespace Vexil.Server.Storage;

/// <summary>A filter over the audit log; null members match everything. Pages start at 1.</summary>
/// <param name="Flag">Only events of this flag (exact name).</param>
/// <param name="Environment">Only events of this environment (canonical name).</param>
/// <param name="User">Only events made by this user (exact).</param>
/// <param name="From">Only events at or after this instant (inclusive).</param>
/// <param name="To">Only events before this instant (exclusive), so consecutive ranges never count an event twice.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Events per page, 1 to <see cref="MaxPageSize"/>.</param>
/// <param name="IncludeRecords">Also return the audit records that are facts (tokens, incidents, change locks), merged in time order.</param>
/// <param name="IncludeAttempts">Also return refused attempts, merged in time order.</param>
/// <param name="IncludeDeployments">
/// Also return the recorded deployments (<see cref="AuditKinds.Deployment"/>), merged in time order by when they
/// finished. They have no flag, so a flag filter leaves them out.
/// </param>
public sealed record AuditQuery(
    string? Flag = null,
    string? Environment = null,
    string? User = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50,
    bool IncludeRecords = false,
    bool IncludeAttempts = false,
    bool IncludeDeployments = false)
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 500;
}
