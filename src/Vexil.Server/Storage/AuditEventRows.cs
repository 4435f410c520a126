using System.Data.Common;
using Vexil.Core.State;

namespace Vexil.Server.Storage;

/// <summary>
/// The audit table's columns as both stores select them, and how a row becomes an <see cref="AuditEvent"/>. Shared so
/// that SQLite and PostgreSQL cannot drift apart in what an event contains.
/// </summary>
internal static class AuditEventRows
{
    /// <summary>The select list, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, sequence, occurred_at, environment, flag, action, before_state, after_state, user_name, via, origin, reason, request_id, title, details";

    /// <summary>The insert column list, in the order both stores bind their parameters.</summary>
    public const string InsertColumns =
        "environment, sequence, occurred_at, flag, action, before_state, after_state, user_name, via, origin, reason, request_id, title, details";

    /// <summary>Reads the current row; <paramref name="readTime"/> reads column 2 the way the engine stores time.</summary>
    public static AuditEvent Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime) =>
        new(
            Id: reader.GetInt64(0),
            Sequence: reader.GetInt64(1),
            OccurredAt: readTime(reader, 2),
            Environment: reader.GetString(3),
            Flag: reader.GetString(4),
            Action: reader.GetString(5),
            Before: reader.IsDBNull(6) ? null : FlagStateJson.Deserialize(reader.GetString(6)),
            After: reader.IsDBNull(7) ? null : FlagStateJson.Deserialize(reader.GetString(7)),
            User: reader.GetString(8),
            Via: reader.GetString(9),
            From: NullableString(reader, 10),
            Reason: NullableString(reader, 11),
            RequestId: NullableString(reader, 12),
            Title: NullableString(reader, 13),
            Details: AuditDetailsJson.Deserialize(NullableString(reader, 14)));

    /// <summary>Reads every row of a reader.</summary>
    public static async Task<List<AuditEvent>> ReadAllAsync(
        DbDataReader reader,
        Func<DbDataReader, int, DateTimeOffset> readTime,
        CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader, readTime));
        }

        return events;
    }

    /// <summary>The event a change writes, before the store knows its id.</summary>
    public static AuditEvent ForChange(ChangeRequest request, long sequence, DateTimeOffset occurredAt, FlagState? before, FlagState? after) =>
        new(
            Id: 0,
            Sequence: sequence,
            OccurredAt: occurredAt,
            Environment: request.Environment,
            Flag: request.Flag,
            Action: request.Action,
            Before: before,
            After: after,
            User: request.Origin.User,
            Via: request.Origin.Via,
            From: request.Origin.From,
            Reason: request.Origin.Reason,
            RequestId: request.Origin.RequestId,
            Title: request.Origin.Title,
            Details: request.Origin.Details ?? new Dictionary<string, string>());

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
