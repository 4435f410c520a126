namespace Vexil.Server.Storage;

/// <summary>
/// The single contract every storage backend implements (SQLite, PostgreSQL), checked by one shared contract test
/// suite. A store keeps each environment's flag states, an append-only audit log, and a per-environment sequence
/// number that grows by one with every accepted change.
/// </summary>
public interface IFlagStore
{
    /// <summary>The backend's name, e.g. <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Applies pending migrations. Throws <see cref="StoreSchemaException"/> when the database belongs to something
    /// else or has a newer schema than this build knows; the server must then refuse to start.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the database answers; used by <c>/health</c>.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>Every persisted flag of an environment and the sequence number they reflect, read consistently.</summary>
    Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies one change in one transaction: reads the flag's current state under a lock, applies the operations,
    /// writes the new state, one audit event and the next sequence number. When an operation is refused, or anything
    /// fails, nothing is written.
    /// </summary>
    Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sequence number of every environment that has ever been written, in one read: the replicas' once-a-second
    /// poll asks this and catches up only an environment that moved, rather than querying each environment's changes.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default);

    /// <summary>The changes of an environment with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> GetChangesSinceAsync(string environment, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Audit events matching a query, newest first, one page at a time; with <see cref="AuditQuery.IncludeRecords"/> or
    /// <see cref="AuditQuery.IncludeAttempts"/> the page merges the other audit records in (<see cref="AuditPage.Entries"/>).
    /// </summary>
    Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an audit fact that is not a change (<see cref="AuditRecord"/>): it gets no sequence number and never
    /// appears in <see cref="GetChangesSinceAsync"/> or a snapshot. Returns the record's id.
    /// </summary>
    Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default);
}
