namespace Vexil.Server.Incidents;

/// <summary>
/// Incidents and change locks, kept in the same database as the flags (schema migration 3, applied by the flag
/// store's <c>InitializeAsync</c>). One contract test suite runs against every implementation. Stores stamp times
/// with their <see cref="TimeProvider"/>, cut to whole microseconds as the flag store does.
/// </summary>
public interface IIncidentStore
{
    /// <summary>Opens an incident. Throws <see cref="ArgumentException"/> for an empty title or a severity outside 1 to 4.</summary>
    Task<Incident> OpenIncidentAsync(string title, int severity, string openedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes an incident and returns it; null when there is none with that id. Closing a closed incident changes
    /// nothing and returns it as it is, so the first closer stays on record.
    /// </summary>
    Task<Incident?> CloseIncidentAsync(long id, string closedBy, CancellationToken cancellationToken = default);

    /// <summary>One incident, or null.</summary>
    Task<Incident?> GetIncidentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Incidents, newest first: only open ones, or all with <paramref name="includeClosed"/>.</summary>
    Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken = default);

    /// <summary>Creates a change lock. Throws <see cref="ArgumentException"/> for an empty reason or a window that ends before it starts.</summary>
    Task<ChangeLock> AddChangeLockAsync(NewChangeLock changeLock, CancellationToken cancellationToken = default);

    /// <summary>Removes a change lock; false when there is none with that id.</summary>
    Task<bool> RemoveChangeLockAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Change locks ordered by start, then id: all of them, or only those ending after <paramref name="endingAfter"/>
    /// (pass the current time to get the active and future ones).
    /// </summary>
    Task<IReadOnlyList<ChangeLock>> ListChangeLocksAsync(DateTimeOffset? endingAfter = null, CancellationToken cancellationToken = default);
}
