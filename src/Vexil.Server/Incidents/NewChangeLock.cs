namespace Vexil.Server.Incidents;

/// <summary>What <see cref="IIncidentStore.AddChangeLockAsync"/> needs to create a change lock.</summary>
/// <param name="Reason">Why the environments are locked.</param>
/// <param name="StartsAt">Start of the window, inclusive.</param>
/// <param name="EndsAt">End of the window, exclusive; after <paramref name="StartsAt"/>.</param>
/// <param name="Environments">Canonical names of the protected environments it locks; empty for all of them.</param>
/// <param name="CreatedBy">Who creates it.</param>
public sealed record NewChangeLock(string Reason, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Environments, string CreatedBy);
