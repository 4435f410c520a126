using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>
/// One entry of the audit trail. <see cref="Kind"/> says what it is (<c>change</c>, <c>attempt</c>,
/// <c>token_created</c>, ...; see <see cref="AuditKinds"/>); only a change has a sequence number and gates, only an
/// attempt has a refusal.
/// </summary>
public sealed record AuditEventView(
    string Kind,
    long Id,
    long? Sequence,
    DateTimeOffset OccurredAt,
    string? Environment,
    string? Flag,
    string? Action,
    GateValues? Before,
    GateValues? After,
    string User,
    string Via,
    string? From,
    string? Reason,
    string? RequestId,
    string? Title,
    string? Refusal,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Converts a stored event.</summary>
    public static AuditEventView Of(AuditEvent e) => new(
        AuditKinds.Change,
        e.Id,
        e.Sequence,
        e.OccurredAt,
        e.Environment,
        e.Flag,
        e.Action,
        GateValues.Of(e.Before),
        GateValues.Of(e.After),
        e.User,
        e.Via,
        e.From,
        e.Reason,
        e.RequestId,
        e.Title,
        null,
        e.Details);

    /// <summary>Converts any entry of the trail.</summary>
    public static AuditEventView Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Change is { } change)
        {
            return Of(change);
        }

        var r = entry.Record!;
        return new(r.Kind, r.Id, null, r.OccurredAt, r.Environment, r.Flag, r.Action, null, null, r.User, r.Via, r.From, null, r.RequestId, r.Title, r.Refusal, r.Details);
    }
}
