using Vexil.Server.Environments;
using Vexil.Server.Evaluations;

namespace Vexil.Server.Lifecycle;

/// <summary><see cref="IEvaluationActivity"/> read from the evaluation count store the SDKs' reports fill.</summary>
public sealed class StoredEvaluationActivity(IEvaluationCountStore store, EnvironmentCatalog environments) : IEvaluationActivity
{
    /// <inheritdoc />
    public async Task<bool> IsRecordedAsync(CancellationToken cancellationToken)
    {
        foreach (var environment in environments.All)
        {
            if ((await store.ListAsync(environment.Name, cancellationToken)).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public async Task<FlagActivity> GetAsync(string flag, CancellationToken cancellationToken)
    {
        var counts = await store.GetAsync(flag, cancellationToken);
        return counts.Count == 0
            ? FlagActivity.Never
            : new FlagActivity(
                counts.Max(count => count.LastEvaluatedAt),
                counts.Sum(count => count.TrueCount + count.FalseCount),
                counts.Select(count => count.Environment).ToArray());
    }
}
