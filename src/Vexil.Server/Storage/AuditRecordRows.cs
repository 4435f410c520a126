using System.Data.Common;

namespace Vexil.Server.Storage;

/// <summary>
/// The audit trail's SQL shared by both stores: the insert of an <see cref="AuditRecord"/>, and the select that merges
/// <c>audit_events</c> with <c>audit_records</c> so that one ORDER BY, LIMIT and OFFSET page over both (paging stays
/// exact however the two interleave). Each merged row carries the change columns first (in
/// <see cref="AuditEventRows.Columns"/> order, so <see cref="AuditEventRows.Read"/> reads a change as it stands), then
/// the kind and the refusal.
/// </summary>
internal static class AuditRecordRows
{
    /// <summary>The insert; parameters <c>@kind</c> to <c>@details</c>, returns the id.</summary>
    public const string InsertSql =
        """
        INSERT INTO audit_records (kind, occurred_at, environment, flag, action, user_name, via, origin, request_id, title, refusal, details)
        VALUES (@kind, @occurred_at, @environment, @flag, @action, @user_name, @via, @origin, @request_id, @title, @refusal, @details)
        RETURNING id;
        """;

    private const int KindOrdinal = 15;
    private const int RefusalOrdinal = 16;

    /// <summary>True when <paramref name="query"/> reads more than the changes, so the merged source is needed.</summary>
    public static bool IsMerged(AuditQuery query) => query.IncludeRecords || query.IncludeAttempts || query.IncludeDeployments;

    /// <summary>
    /// The merged trail as a sub-select named <c>trail</c>, with the kinds <paramref name="query"/> asks for; callers
    /// add the filter, the order and the page. Kinds are our constants, never caller text. Deployments join as entries
    /// of kind <see cref="AuditKinds.Deployment"/> with their facts in the details; <paramref name="jsonObject"/> is the
    /// engine's function that builds a JSON object from alternating keys and values (<c>json_object</c> in SQLite,
    /// <c>jsonb_build_object</c> in PostgreSQL), the one difference between the two dialects here.
    /// </summary>
    public static string MergedSource(AuditQuery query, string jsonObject = "json_object")
    {
        ArgumentNullException.ThrowIfNull(query);
        var deployments = query.IncludeDeployments
            ? $"""

             UNION ALL
             SELECT id, 0, finished_at, environment, NULL, status, NULL, NULL, recorded_by, 'api', NULL, NULL, NULL,
                    'Deployed ' || ref || ' (' || substr(sha, 1, 11) || ') to ' || environment || ': ' || status,
                    {jsonObject}('deployment_id', CAST(id AS TEXT), 'sha', sha, 'ref', ref, 'status', status, 'url', COALESCE(url, '')),
                    '{AuditKinds.Deployment}', NULL
             FROM deployments
            """
            : string.Empty;
        var kinds = AuditKinds.Records
            .Where(kind => kind == AuditKinds.Attempt ? query.IncludeAttempts : query.IncludeRecords)
            .Order(StringComparer.Ordinal)
            .Select(kind => $"'{kind}'");
        return $"""
            (SELECT {AuditEventRows.Columns}, 'change' AS kind, NULL AS refusal FROM audit_events
             UNION ALL
             SELECT id, 0, occurred_at, environment, flag, action, NULL, NULL, user_name, via, origin, NULL, request_id, title, details, kind, refusal
             FROM audit_records WHERE kind IN ({(kinds.Any() ? string.Join(", ", kinds) : "NULL")}){deployments}) AS trail
            """;
    }

    /// <summary>The merged select list, in the order <see cref="Read"/> expects.</summary>
    public const string MergedColumns = AuditEventRows.Columns + ", kind, refusal";

    /// <summary>Newest first across both tables; a tie in time and id is broken by kind, so pages never overlap.</summary>
    public const string NewestFirst = " ORDER BY occurred_at DESC, id DESC, kind";

    /// <summary>
    /// Reads one page of <paramref name="query"/>: merged rows (changes and records) when <paramref name="merged"/>,
    /// otherwise rows of <c>audit_events</c> alone.
    /// </summary>
    public static async Task<AuditPage> ReadPageAsync(
        DbDataReader reader,
        bool merged,
        AuditQuery query,
        long total,
        Func<DbDataReader, int, DateTimeOffset> readTime,
        CancellationToken cancellationToken)
    {
        if (!merged)
        {
            return new AuditPage(await AuditEventRows.ReadAllAsync(reader, readTime, cancellationToken), query.Page, query.PageSize, total);
        }

        var entries = await ReadAllAsync(reader, readTime, cancellationToken);
        return new AuditPage(entries.Where(entry => entry.Change is not null).Select(entry => entry.Change!).ToArray(), query.Page, query.PageSize, total)
        {
            Entries = entries,
        };
    }

    /// <summary>Reads every merged row.</summary>
    public static async Task<List<AuditEntry>> ReadAllAsync(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader, readTime));
        }

        return entries;
    }

    private static AuditEntry Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime)
    {
        var kind = reader.GetString(KindOrdinal);
        if (kind == AuditKinds.Change)
        {
            return new AuditEntry(AuditEventRows.Read(reader, readTime), null);
        }

        return new AuditEntry(
            null,
            new AuditRecord(
                Id: reader.GetInt64(0),
                Kind: kind,
                OccurredAt: readTime(reader, 2),
                Environment: Text(reader, 3),
                Flag: Text(reader, 4),
                Action: Text(reader, 5),
                User: reader.GetString(8),
                Via: reader.GetString(9),
                From: Text(reader, 10),
                RequestId: Text(reader, 12),
                Title: Text(reader, 13),
                Refusal: Text(reader, RefusalOrdinal),
                Details: AuditDetailsJson.Deserialize(Text(reader, 14))));
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
