using Vexil.Server.Commands;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>
/// GitLab's set check 8: production must not be ahead of staging. A change that turns something on in production is
/// refused unless staging has the flag enabled (on or conditional); one that turns something off in staging is
/// refused while production has it enabled. When the same change also touches the other environment, the check looks
/// at what that environment will be, so <c>feature set x true --staging --production</c> passes, and
/// <c>feature set x false --staging --production</c> too. Deletes are not checked.
/// </summary>
public sealed class ConsistencyGuard(ConsistencyScope scope, ChangeProjector projector)
{
    /// <summary>The refusals by environment name; empty when the change may go on.</summary>
    public IReadOnlyDictionary<string, string> Check(FlagChange change, IReadOnlyList<EnvironmentProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(projections);
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        if (change.Delete || change.Overrides.IgnoreConsistencyCheck || scope.Staging is not { } staging || scope.Production is not { } production || staging == production)
        {
            return refusals;
        }

        foreach (var projection in projections)
        {
            var broken =
                (projection.Environment == production && projection.Enables && !projector.EnabledAfter(projections, staging, change.Flag))
                || (projection.Environment == staging && projection.Disables && projector.EnabledAfter(projections, production, change.Flag));
            if (broken)
            {
                refusals[projection.Environment.Name] = CommandMessages.InconsistentStatus;
            }
        }

        return refusals;
    }
}
