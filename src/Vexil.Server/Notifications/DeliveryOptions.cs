using Vexil.Server.Configuration;

namespace Vexil.Server.Notifications;

/// <summary>
/// <c>Vexil:Notifications:Delivery</c>: how the background dispatcher sends. Durations are seconds (<c>10</c>) or time
/// spans (<c>00:00:10</c>). A failed attempt is retried after <see cref="InitialBackoff"/>, then twice as long each
/// time up to <see cref="MaxBackoff"/>; after <see cref="MaxAttempts"/> attempts, or at once for an answer that will
/// not change on retry (4xx other than 408 and 429), the delivery is dead-lettered.
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>Attempts before a delivery is dead-lettered; 8 by default (the last about 21 minutes after the first, with the default backoff).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; 10 seconds by default.</summary>
    public string? InitialBackoff { get; set; }

    /// <summary>The longest wait between attempts; one hour by default.</summary>
    public string? MaxBackoff { get; set; }

    /// <summary>How long one request may take before it counts as failed; 10 seconds by default.</summary>
    public string? Timeout { get; set; }

    /// <summary>How often the dispatcher looks for due deliveries when nothing wakes it (changes on this server wake it at once); 5 seconds by default.</summary>
    public string? PollInterval { get; set; }

    /// <summary>How long delivered and dead-lettered deliveries are kept; 30 days by default.</summary>
    public string? Retention { get; set; }

    /// <summary>How many deliveries are sent at the same time (a receiver always gets one at a time); 4 by default.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary><see cref="InitialBackoff"/> as a span (10 seconds when unset or invalid; validation reports invalid values).</summary>
    public TimeSpan InitialBackoffValue => DurationSetting.Parse(InitialBackoff, TimeSpan.FromSeconds(10)) ?? TimeSpan.FromSeconds(10);

    /// <summary><see cref="MaxBackoff"/> as a span.</summary>
    public TimeSpan MaxBackoffValue => DurationSetting.Parse(MaxBackoff, TimeSpan.FromHours(1)) ?? TimeSpan.FromHours(1);

    /// <summary><see cref="Timeout"/> as a span.</summary>
    public TimeSpan TimeoutValue => DurationSetting.Parse(Timeout, TimeSpan.FromSeconds(10)) ?? TimeSpan.FromSeconds(10);

    /// <summary><see cref="PollInterval"/> as a span.</summary>
    public TimeSpan PollIntervalValue => DurationSetting.Parse(PollInterval, TimeSpan.FromSeconds(5)) ?? TimeSpan.FromSeconds(5);

    /// <summary><see cref="Retention"/> as a span.</summary>
    public TimeSpan RetentionValue => DurationSetting.Parse(Retention, TimeSpan.FromDays(30)) ?? TimeSpan.FromDays(30);
}
