namespace Vexil.Server.Incidents.Api;

/// <summary>A change lock as the API shows it, with whether it holds right now.</summary>
/// <param name="Id">The id.</param>
/// <param name="Reason">Why.</param>
/// <param name="StartsAt">Start, inclusive.</param>
/// <param name="EndsAt">End, exclusive.</param>
/// <param name="Environments">The protected environments it locks; empty means all of them.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Active">True when it holds now.</param>
public sealed record ChangeLockView(
    long Id,
    string Reason,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> Environments,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool Active)
{
    /// <summary>The view of a lock at <paramref name="now"/>.</summary>
    public static ChangeLockView Of(ChangeLock changeLock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changeLock);
        return new ChangeLockView(
            changeLock.Id,
            changeLock.Reason,
            changeLock.StartsAt,
            changeLock.EndsAt,
            changeLock.Environments,
            changeLock.CreatedBy,
            changeLock.CreatedAt,
            changeLock.IsActiveAt(now));
    }
}
