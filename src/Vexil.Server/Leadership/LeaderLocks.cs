namespace Vexil.Server.Leadership;

/// <summary>The kinds of once-per-cluster work, each led through a lock of its own.</summary>
public static class LeaderLocks
{
    /// <summary>Sending notification deliveries (<c>Notifications/Dispatch/NotificationWorker</c>).</summary>
    public const string Notifications = "notifications";

    /// <summary>Moving rollout plans: their steps, checks and rollbacks (<c>Rollouts/RolloutRunner</c>).</summary>
    public const string Rollouts = "rollouts";

    /// <summary>Every lock, as <c>/health</c> lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Notifications, Rollouts];
}
