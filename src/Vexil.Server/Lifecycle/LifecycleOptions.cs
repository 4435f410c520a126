namespace Vexil.Server.Lifecycle;

/// <summary>
/// <c>Vexil:Lifecycle</c>: how long each definition type is expected to live, how long the evidence must hold before a
/// flag counts as stale, and the code reference patterns the server's scan uses.
/// </summary>
public sealed class LifecycleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Lifecycle";

    /// <summary>
    /// Per definition type (<c>Vexil:Lifecycle:Types:beta:Lifetime</c>), the lifetime after the milestone's release. Types
    /// left out keep GitLab's defaults (<see cref="LifecycleDefaults"/>); an empty <c>Lifetime</c> means the type never
    /// goes stale.
    /// </summary>
    public Dictionary<string, LifecycleTypeOptions> Types { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The N of "one value for N days" and "not evaluated for N days". Default 30.</summary>
    public int StaleAfterDays { get; set; } = 30;

    /// <summary>How often the server looks for flags that became stale, to announce them. Default one hour.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after start-up the first check runs. Default five minutes: a server that restarts does not hold up its
    /// start with the check, and a short-lived test server never announces.
    /// </summary>
    public TimeSpan FirstCheckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Code reference patterns for the server's scan (<c>Feature.enabled?(:{name}</c>, <c>gon.features.{camelName}</c>);
    /// empty: the defaults, as <c>vexil scan</c> uses.
    /// </summary>
    public List<string> Patterns { get; set; } = [];
}
