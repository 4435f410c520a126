namespace Vexil.Server.Storage;

/// <summary>
/// An audit fact that is not a change: a refused attempt, a token created or revoked, an incident opened or closed, a
/// change lock added or removed (<see cref="AuditKinds"/>). Append-only like <see cref="AuditEvent"/>, but it never gets
/// a sequence number and never enters the change feed or a snapshot.
/// </summary>
/// <param name="Id">The store's id (0 before it is written).</param>
/// <param name="Kind">What happened, one of <see cref="AuditKinds"/> other than <see cref="AuditKinds.Change"/>.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="Environment">The environment concerned (canonical name), or null (tokens, incidents).</param>
/// <param name="Flag">The flag concerned, or null.</param>
/// <param name="Action">For an attempt, the change it would have made (e.g. <c>enable</c>, <c>delete</c>); otherwise null.</param>
/// <param name="User">Who.</param>
/// <param name="Via">Through what (<see cref="ChangeChannels"/>).</param>
/// <param name="From">From where: a chat channel or a client address.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="Title">A human title.</param>
/// <param name="Refusal">For an attempt, the sentence that refused it; otherwise null.</param>
/// <param name="Details">Extra facts (token name and id, the command, the guard that refused, the lock's window ...).</param>
public sealed record AuditRecord(
    long Id,
    string Kind,
    DateTimeOffset OccurredAt,
    string? Environment,
    string? Flag,
    string? Action,
    string User,
    string Via,
    string? From,
    string? RequestId,
    string? Title,
    string? Refusal,
    IReadOnlyDictionary<string, string> Details);
