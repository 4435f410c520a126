namespace Vexil.Server.ChatOps.Replays;

/// <summary>
/// Remembers the chat requests already accepted until the window in which they could be accepted again has closed, in
/// the flag store's database, so a replay is refused by every server of a deployment, not only by the one that saw the
/// original. Implemented on SQLite and PostgreSQL and checked by one shared contract test suite; the table comes with
/// the flag store's migrations.
/// </summary>
public interface ISeenRequestStore
{
    /// <summary>The backend's name, e.g. <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Records that the request <paramref name="key"/> of <paramref name="platform"/> was accepted, to be remembered until
    /// <paramref name="expiresAt"/>. Atomic: of any number of calls with the same platform and key, on any servers,
    /// exactly one returns true; the others (replays) return false. Rows long past their expiry are removed on the way,
    /// so the table holds only the last few minutes' requests.
    /// </summary>
    /// <exception cref="ArgumentException">The platform or key is empty or longer than <see cref="SeenRequestRows.MaxKeyLength"/>.</exception>
    Task<bool> TryRecordAsync(string platform, string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
