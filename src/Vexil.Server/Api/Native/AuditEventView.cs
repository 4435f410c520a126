using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>One audit event.</summary>
public sealed record AuditEventView(
    long Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    string Environment,
    string Flag,
    string Action,
    GatesView? Before,
    GatesView? After,
    string User,
    string Via,
    string? From,
    string? Reason,
    string? RequestId,
    string? Title,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Converts a stored event.</summary>
    public static AuditEventView Of(AuditEvent e) => new(
        e.Id,
        e.Sequence,
        e.OccurredAt,
        e.Environment,
        e.Flag,
        e.Action,
        e.Before is null ? null : GatesView.Of(e.Before),
        e.After is null ? null : GatesView.Of(e.After),
        e.User,
        e.Via,
        e.From,
        e.Reason,
        e.RequestId,
        e.Title,
        e.Details);
}
