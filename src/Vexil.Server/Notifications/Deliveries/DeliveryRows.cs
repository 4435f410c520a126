using System.Data.Common;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Deliveries;

/// <summary>
/// The delivery table's columns as both stores select them, how a row becomes a <see cref="Delivery"/>, and the rules
/// both stores apply to what they write, so SQLite and PostgreSQL cannot drift apart.
/// </summary>
internal static class DeliveryRows
{
    /// <summary>The select list, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, event_id, environment, flag, kind, target, payload, status, attempts, created_at, next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at";

    /// <summary>
    /// The claim both stores run (each adds its own locking and <c>RETURNING</c>): the delivery due longest whose
    /// receiver has nothing under lease. Takes <c>@now</c> and <c>@lease</c>.
    /// </summary>
    public const string ClaimNextSql =
        """
        UPDATE notification_deliveries SET leased_until = @lease
        WHERE id = (
            SELECT candidate.id FROM notification_deliveries candidate
            WHERE candidate.status = 'pending' AND candidate.next_attempt_at <= @now
              AND (candidate.leased_until IS NULL OR candidate.leased_until <= @now)
              AND NOT EXISTS (
                  SELECT 1 FROM notification_deliveries busy
                  WHERE busy.target = candidate.target AND busy.status = 'pending' AND busy.leased_until > @now)
            ORDER BY candidate.next_attempt_at, candidate.id
            LIMIT 1)
        """;

    /// <summary>The longest error text kept; receivers sometimes answer with whole HTML pages.</summary>
    public const int MaxErrorLength = 1000;

    /// <summary>Reads the current row; <paramref name="readTime"/> reads a time column the way the engine stores it.</summary>
    public static Delivery Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime)
    {
        DateTimeOffset? OptionalTime(int ordinal) => reader.IsDBNull(ordinal) ? null : readTime(reader, ordinal);
        return new Delivery(
            Id: reader.GetInt64(0),
            EventId: reader.GetInt64(1),
            Environment: reader.GetString(2),
            Flag: reader.GetString(3),
            Kind: reader.GetString(4),
            Target: reader.GetString(5),
            Payload: reader.GetString(6),
            Status: DeliveryStatuses.TryParse(reader.GetString(7), out var status) ? status : throw new InvalidDataException($"Unknown delivery status '{reader.GetString(7)}'."),
            Attempts: reader.GetInt32(8),
            CreatedAt: readTime(reader, 9),
            NextAttemptAt: OptionalTime(10),
            LastAttemptAt: OptionalTime(11),
            LastStatusCode: reader.IsDBNull(12) ? null : reader.GetInt32(12),
            LastError: reader.IsDBNull(13) ? null : reader.GetString(13),
            DeliveredAt: OptionalTime(14));
    }

    /// <summary>Reads every row of a reader.</summary>
    public static async Task<List<Delivery>> ReadAllAsync(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime, CancellationToken cancellationToken)
    {
        var deliveries = new List<Delivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(Read(reader, readTime));
        }

        return deliveries;
    }

    /// <summary>A time cut to whole microseconds, as PostgreSQL keeps it, so what is written equals what is read.</summary>
    public static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>The error as stored: trimmed and cut to <see cref="MaxErrorLength"/>.</summary>
    public static string Error(string error)
    {
        var trimmed = string.IsNullOrWhiteSpace(error) ? "The attempt failed without a reason." : error.Trim();
        return trimmed.Length <= MaxErrorLength ? trimmed : string.Concat(trimmed.AsSpan(0, MaxErrorLength - 1), "…");
    }

    /// <summary>Checks the arguments of <see cref="INotificationDeliveryStore.EnqueueAsync"/>: a change and valid deliveries.</summary>
    public static void ValidateEnqueue(AuditEvent change, IReadOnlyList<NewDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(deliveries);
        foreach (var delivery in deliveries)
        {
            Validate(delivery);
        }
    }

    /// <summary>Checks a new delivery before it is written.</summary>
    public static void Validate(NewDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Kind is not (DeliveryKinds.Slack or DeliveryKinds.EndToEnd or DeliveryKinds.Webhook or DeliveryKinds.GitLabNote or DeliveryKinds.GitLabIssue))
        {
            throw new ArgumentException($"'{delivery.Kind}' is not a delivery kind; use one of DeliveryKinds.", nameof(delivery));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(delivery.Target, nameof(delivery));
        ArgumentNullException.ThrowIfNull(delivery.Payload, nameof(delivery));
    }
}
