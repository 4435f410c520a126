using Vexil.Definitions;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// GitLab's expected lifetimes per type, as its feature flag documentation and triage reports count them in
/// milestones (one a month): <c>gitlab_com_derisk</c> 2, <c>wip</c> 4, <c>beta</c> and <c>experiment</c> 6; <c>ops</c>,
/// <c>worker</c> and <c>undefined</c> have none (<see cref="DefinitionType.LifetimeMonths"/>). A month is counted as
/// 30.5 days, so two months is 61 days.
/// </summary>
public static class LifecycleDefaults
{
    /// <summary>The default lifetime of <paramref name="type"/>, or null when it never goes stale.</summary>
    public static TimeSpan? Lifetime(DefinitionType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.LifetimeMonths is { } months ? TimeSpan.FromDays(Math.Round(months * 30.5)) : null;
    }

    /// <summary>The lifetime of <paramref name="type"/> under <paramref name="options"/>: the configured entry, or GitLab's default.</summary>
    public static TimeSpan? Lifetime(DefinitionType type, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Types.TryGetValue(type.Name, out var configured) ? configured.Lifetime : Lifetime(type);
    }
}
