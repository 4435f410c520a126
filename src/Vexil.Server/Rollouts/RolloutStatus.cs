namespace Vexil.Server.Rollouts;

/// <summary>Where a rollout plan stands. Running, paused and verifying plans are active: at most one per flag and environment.</summary>
public enum RolloutStatus
{
    /// <summary>Applying steps and watching its checks.</summary>
    Running,

    /// <summary>Stopped by a person, a refusal or a failed check; resumes where it stopped.</summary>
    Paused,

    /// <summary>Every step is applied; the verification period runs, checks still watched.</summary>
    Verifying,

    /// <summary>Done: every step applied and the verification period over.</summary>
    Completed,

    /// <summary>Stopped for good by a person; the flag stays as it was.</summary>
    Aborted,
}
