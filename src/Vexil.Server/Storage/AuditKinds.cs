namespace Vexil.Server.Storage;

/// <summary>The kinds of entry in the audit trail, as the native API and the CLI name them.</summary>
public static class AuditKinds
{
    /// <summary>An accepted change (an <see cref="AuditEvent"/>).</summary>
    public const string Change = "change";

    /// <summary>A change a guard rail refused: nothing was written.</summary>
    public const string Attempt = "attempt";

    /// <summary>A token was created.</summary>
    public const string TokenCreated = "token_created";

    /// <summary>A token was revoked.</summary>
    public const string TokenRevoked = "token_revoked";

    /// <summary>An incident was opened.</summary>
    public const string IncidentOpened = "incident_opened";

    /// <summary>An incident was closed.</summary>
    public const string IncidentClosed = "incident_closed";

    /// <summary>A change lock was added.</summary>
    public const string ChangeLockAdded = "change_lock_added";

    /// <summary>A change lock was removed.</summary>
    public const string ChangeLockRemoved = "change_lock_removed";

    /// <summary>
    /// A deployment CI recorded (<c>POST /api/v1/deployments</c>): not an audit record but a row of the deployments
    /// table, shown in the timeline when asked for (<see cref="AuditQuery.IncludeDeployments"/>).
    /// </summary>
    public const string Deployment = "deployment";
    /// <summary>A flag became stale and its owners were told (recorded once per flag, so they are told once).</summary>
    public const string FlagStale = "flag_stale";

    /// <summary>The kinds an <see cref="AuditRecord"/> may have.</summary>
    public static readonly IReadOnlySet<string> Records =
        new HashSet<string>([Attempt, TokenCreated, TokenRevoked, IncidentOpened, IncidentClosed, ChangeLockAdded, ChangeLockRemoved, FlagStale], StringComparer.Ordinal);
}
