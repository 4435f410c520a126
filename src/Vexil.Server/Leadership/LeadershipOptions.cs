namespace Vexil.Server.Leadership;

/// <summary><c>Vexil:Leadership</c>: how replicas sharing one PostgreSQL database share once-per-cluster work.</summary>
public sealed class LeadershipOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Leadership";

    /// <summary>
    /// How often a replica that does not lead tries to take the lead, and how often the leader checks that the session
    /// holding its lock is still alive; 5 seconds by default. It bounds how long work stays undone after its leader died
    /// (about one interval) and how long a leader cut off from the database keeps working (about one interval plus the
    /// 3 s check deadline).
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
