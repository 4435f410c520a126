using Vexil.Core.State;

namespace Vexil.Server.Storage;

/// <summary>One accepted change, as recorded in the append-only audit log. It doubles as the change feed entry.</summary>
/// <param name="Id">The store's id for the event.</param>
/// <param name="Sequence">The environment's sequence number after this change.</param>
/// <param name="OccurredAt">When, in UTC.</param>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Flag">The flag's name.</param>
/// <param name="Action">What was done, e.g. <c>enable</c>, <c>enable_actor</c>, <c>delete</c>.</param>
/// <param name="Before">The gate values before; null when the flag was not stored.</param>
/// <param name="After">The gate values after; null when the flag was deleted.</param>
/// <param name="User">Who.</param>
/// <param name="Via">Through what channel.</param>
/// <param name="From">From where.</param>
/// <param name="Reason">Why.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="Title">A human title.</param>
/// <param name="Details">Extra facts.</param>
public sealed record AuditEvent(
    long Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    string Environment,
    string Flag,
    string Action,
    FlagState? Before,
    FlagState? After,
    string User,
    string Via,
    string? From,
    string? Reason,
    string? RequestId,
    string? Title,
    IReadOnlyDictionary<string, string> Details);
