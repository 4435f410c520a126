namespace Vexil.Server.Incidents;

/// <summary>
/// A time window during which protected environments must not change (a release freeze, a migration, a holiday). The
/// production check refuses changes to the environments a lock covers while it is active.
/// </summary>
/// <param name="Id">The store's id.</param>
/// <param name="Reason">Why the environments are locked.</param>
/// <param name="StartsAt">Start of the window, inclusive, in UTC.</param>
/// <param name="EndsAt">End of the window, exclusive, in UTC.</param>
/// <param name="Environments">The canonical names of the protected environments it locks; empty means all of them.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When, in UTC.</param>
public sealed record ChangeLock(
    long Id,
    string Reason,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> Environments,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>True when <paramref name="now"/> is inside the window.</summary>
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <summary>True when the lock holds <paramref name="environment"/> (a canonical name).</summary>
    public bool Covers(string environment) =>
        Environments.Count == 0 || Environments.Contains(environment, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(ChangeLock? other) =>
        other is not null
        && Id == other.Id
        && Reason == other.Reason
        && StartsAt == other.StartsAt
        && EndsAt == other.EndsAt
        && Environments.SequenceEqual(other.Environments, StringComparer.Ordinal)
        && CreatedBy == other.CreatedBy
        && CreatedAt == other.CreatedAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Reason, StartsAt, EndsAt, Environments.Count, CreatedBy, CreatedAt);
}
