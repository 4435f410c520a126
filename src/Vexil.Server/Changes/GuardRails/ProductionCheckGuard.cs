using Vexil.Server.Commands;
using Vexil.Server.Changes.HealthSources;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>
/// GitLab's set check 7: before a protected environment changes (a set or a delete), the production check must pass
/// (incidents, change locks, the external check), unless the caller overrides it. It runs once for all protected
/// environments of the change.
/// </summary>
public sealed class ProductionCheckGuard(IProductionCheck check)
{
    /// <summary>The refusals by environment name; empty when the change may go on.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(
        FlagChange change,
        IReadOnlyList<EnvironmentProjection> projections,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(projections);
        var guarded = projections.Where(projection => projection.Environment.IsProtected).ToArray();
        if (change.Overrides.IgnoreProductionCheck || guarded.Length == 0)
        {
            return new Dictionary<string, string>();
        }

        var origin = guarded[0].Request.Origin;
        var request = new ProductionCheckRequest(
            change.Flag,
            change.Value,
            guarded.Select(projection => projection.Environment.Name).ToArray(),
            origin.User,
            origin.Via);
        var result = await check.CheckAsync(request, change.Progress, cancellationToken);
        if (result.Safe)
        {
            return new Dictionary<string, string>();
        }

        var message = result.TimedOut && result.Problems.Count == 0
            ? CommandMessages.ProductionCheckTimedOut
            : string.Join('\n', result.Problems
                .Concat(result.TimedOut ? [CommandMessages.ProductionCheckTimedOut] : [])
                .Select(problem => "- " + problem)
                .Prepend(CommandMessages.ProductionCheckFailed));
        return guarded.ToDictionary(projection => projection.Environment.Name, _ => message, StringComparer.Ordinal);
    }
}
