namespace Vexil.Server.Rollouts;

/// <summary><c>Vexil:Rollouts</c>: the named health checks plans use, how often they run, and where a rollback goes.</summary>
public sealed class RolloutOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Rollouts";

    /// <summary>How often checks run during a step when <see cref="CheckInterval"/> is unset: one minute.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>The named checks, used as <c>--check NAME</c>.</summary>
    public Dictionary<string, RolloutCheckOptions> Checks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often checks run during a step: <c>1m</c>, <c>30s</c>, seconds or a time span. Default one minute.</summary>
    public string? CheckInterval { get; set; }

    /// <summary><c>previous</c> (the default): a failed check sets the flag back to the last step that held; <c>off</c>: switches it off.</summary>
    public string? RollbackTo { get; set; }

    /// <summary>The interval as a span (validated at start-up).</summary>
    public TimeSpan CheckIntervalValue => RolloutDuration.ParseSetting(CheckInterval, DefaultCheckInterval) ?? DefaultCheckInterval;

    /// <summary>True when a failed check switches the flag off.</summary>
    public bool RollbackToOff => string.Equals(RollbackTo?.Trim(), "off", StringComparison.OrdinalIgnoreCase);
}
