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
    /// The environment's newest successful deployment that finished at or before <paramref name="at"/>, or null: the
    /// deployment a change made at that time came after. Stores answer with one query; this default pages through
    /// <see cref="ListAsync"/> for implementations that do not.
    /// </summary>
    async Task<Deployment?> GetLastSuccessfulAtAsync(string environment, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        long? before = null;
        while (true)
        {
            var page = await ListAsync(environment, null, before, 100, cancellationToken);
            if (page.FirstOrDefault(d => d.Status == DeploymentStatus.Success && d.FinishedAt <= at) is { } found)
            {
                return found;
            }

            if (page.Count < 100)
            {
                return null;
            }

            before = page[^1].Id;
        }
    }

    /// <summary>
    /// Deployments newest first (by <see cref="Deployment.FinishedAt"/>, then id), optionally only one environment's
    /// or one sha's, one page at a time: when <paramref name="beforeId"/> is given, those that come after the deployment
    /// with that id in this order (a keyset cursor: the last id of the previous page), or none when that id is unknown.
    /// </summary>
    Task<IReadOnlyList<Deployment>> ListAsync(string? environment, string? sha, long? beforeId, int limit, CancellationToken cancellationToken = default);
}
