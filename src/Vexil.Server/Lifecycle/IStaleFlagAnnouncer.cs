namespace Vexil.Server.Lifecycle;

/// <summary>Tells a flag's owners that it became stale: their team channel, and the rollout issue where that integration exists.</summary>
public interface IStaleFlagAnnouncer
{
    /// <summary>Announces <paramref name="flag"/>; failures are the announcer's to log, the flag is not announced again.</summary>
    Task AnnounceAsync(StaleFlag flag, CancellationToken cancellationToken);
}
