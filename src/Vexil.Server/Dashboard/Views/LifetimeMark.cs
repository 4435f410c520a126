using Vexil.Definitions;
using Vexil.Server.Lifecycle;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// The overview's "past lifetime" mark, by the lifecycle's rule (the one <c>GET /api/v1/flags/stale</c> starts from):
/// the type's lifetime from <c>Vexil:Lifecycle:Types</c> (GitLab's by default), counted from the milestone's release
/// date (<see cref="Lifecycle.MilestoneCalendar"/>); <c>lifecycle: permanent</c> and types without a lifetime never
/// pass it. The dashboard keeps no calendar or lifetimes of its own, so the mark and the stale list cannot disagree.
/// </summary>
public static class LifetimeMark
{
    /// <summary>When <paramref name="definition"/>'s lifetime ends (or ended), or null when it has none or its milestone cannot be dated.</summary>
    public static DateTimeOffset? EndOf(FlagDefinition definition, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        return !definition.Permanent
               && LifecycleDefaults.Lifetime(definition.Type, options) is { } lifetime
               && Lifecycle.MilestoneCalendar.ReleaseDate(definition.Milestone) is { } released
            ? released + lifetime
            : null;
    }

    /// <summary>True when <paramref name="definition"/> has outlived its lifetime at <paramref name="now"/>.</summary>
    public static bool IsPast(FlagDefinition definition, LifecycleOptions options, DateTimeOffset now) =>
        EndOf(definition, options) is { } end && end <= now;
}
