namespace Vexil.Server.Rollouts;

/// <summary>The flag already has an active rollout plan in the environment (the database's unique index said so).</summary>
public sealed class RolloutAlreadyActiveException(string flag, string environment)
    : InvalidOperationException($"{flag} already has an active rollout plan on {environment}; see it with `feature rollout status {flag}`, or end it with `feature rollout abort {flag}` before starting another.")
{
    /// <summary>The flag.</summary>
    public string Flag { get; } = flag;

    /// <summary>The environment.</summary>
    public string Environment { get; } = environment;
}
