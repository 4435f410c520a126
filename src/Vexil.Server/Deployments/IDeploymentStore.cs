namespace Vexil.Server.Deployments;

/// <summary>
/// The deployments CI reported, kept in the same database as the flags (schema migration 9, applied by the flag store's
/// <c>InitializeAsync</c>). One contract test suite runs against every implementation.
/// </summary>
public interface IDeploymentStore
{
    /// <summary>
    /// Stores one deployment and returns it with its id (the given <see cref="Deployment.Id"/> is ignored). The sha is
    /// stored lower case and the time cut to whole microseconds. Throws <see cref="ArgumentException"/> for a deployment
    /// that breaks <see cref="DeploymentArguments"/>' rules.
    /// </summary>
    Task<Deployment> RecordAsync(Deployment deployment, CancellationToken cancellationToken = default);

    /// <summary>The environment's newest deployment with status <see cref="DeploymentStatus.Success"/>, or null when none is recorded.</summary>
    Task<Deployment?> GetLastSuccessfulAsync(string environment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deployments newest first (by <see cref="Deployment.FinishedAt"/>, then id), optionally only one environment's
    /// or one sha's, one page at a time: when <paramref name="beforeId"/> is given, those that come after the deployment
    /// with that id in this order (a keyset cursor: the last id of the previous page), or none when that id is unknown.
    /// </summary>
    Task<IReadOnlyList<Deployment>> ListAsync(string? environment, string? sha, long? beforeId, int limit, CancellationToken cancellationToken = default);
}
