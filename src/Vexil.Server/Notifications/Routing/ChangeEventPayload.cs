using Vexil.Server.Changes;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// The body a generic webhook receives: one accepted change, as its audit event records it. This is a published
/// format (see <c>docs/notifications.md</c>): add fields, never rename or remove them.
/// </summary>
/// <param name="Event"><c>flag.changed</c>, or <c>flag.deleted</c> when the flag's stored state was removed.</param>
/// <param name="Id">The audit event's id: unique per change, so receivers can drop a repeated delivery.</param>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Protected">True for a protected (production) environment.</param>
/// <param name="Sequence">The environment's sequence number after the change.</param>
/// <param name="OccurredAt">When the change committed (UTC).</param>
/// <param name="Flag">The flag.</param>
/// <param name="Action">What was done, e.g. <c>enable</c>, <c>enable_actor</c>, <c>set</c>, <c>delete</c>.</param>
/// <param name="Title">GitLab's log title, e.g. "Feature flag 'x' has been set to '50%' of actors on staging".</param>
/// <param name="User">Who.</param>
/// <param name="Via">Through what: <c>chat</c>, <c>cli</c>, <c>api</c>, <c>dashboard</c>, <c>rollout</c>.</param>
/// <param name="From">From where: a chat channel or a client address.</param>
/// <param name="Reason">Why, when the person said.</param>
/// <param name="Before">The gates before; null when the flag was not stored.</param>
/// <param name="After">The gates after; null after a delete.</param>
/// <param name="Details">The audit details: value, command, scopes, chat user and channel, overrides, rollout issue, definition group.</param>
public sealed record ChangeEventPayload(
    string Event,
    long Id,
    string Environment,
    bool Protected,
    long Sequence,
    DateTimeOffset OccurredAt,
    string Flag,
    string Action,
    string? Title,
    string User,
    string Via,
    string? From,
    string? Reason,
    GateValues? Before,
    GateValues? After,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>The payload of a change.</summary>
    public static ChangeEventPayload Of(AuditEvent change, bool isProtected)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new ChangeEventPayload(
            change.Action == "delete" ? "flag.deleted" : "flag.changed",
            change.Id,
            change.Environment,
            isProtected,
            change.Sequence,
            change.OccurredAt,
            change.Flag,
            change.Action,
            change.Title,
            change.User,
            change.Via,
            change.From,
            change.Reason,
            GateValues.Of(change.Before),
            GateValues.Of(change.After),
            change.Details);
    }
}
