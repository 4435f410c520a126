namespace Vexil.Server.Deployments;

/// <summary>
/// The deployments CI reported, kept in the same database as the flags. One contract test suite runs against every
/// implementation.
/// </summary>
public interface IDeploymentStore
{
    /// <summary>Stores one deployment and returns it with its id.</summary>
    Task<Deployment> RecordAsync(Deployment deployment, CancellationToken cancellationToken = default);

    /// <summary>The environment's newest deployment with status <see cref="DeploymentStatus.Success"/>, or null when none is recorded.</summary>
    Task<Deployment?> GetLastSuccessfulAsync(string environment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deployments newest first (by <see cref="Deployment.FinishedAt"/>, then id), optionally only one environment's
    /// or one sha's, one page at a time: those with an id below <paramref name="beforeId"/> when it is given.
    /// </summary>
    Task<IReadOnlyList<Deployment>> ListAsync(string? environment, string? sha, long? beforeId, int limit, CancellationToken cancellationToken = default);
}
