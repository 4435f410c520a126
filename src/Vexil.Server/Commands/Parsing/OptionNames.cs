namespace Vexil.Server.Commands.Parsing;

/// <summary>The options of the <c>feature</c> command, as GitLab's ChatOps spells them.</summary>
public static class OptionNames
{
    /// <summary>Filter for <c>feature list</c>.</summary>
    public const string Match = "match";

    /// <summary>Only stale flags, for <c>feature list</c>.</summary>
    public const string Stale = "stale";

    /// <summary>Percentage of actors.</summary>
    public const string Actors = "actors";

    /// <summary>Percentage of time (deprecated).</summary>
    public const string Random = "random";

    /// <summary>User targets.</summary>
    public const string User = "user";

    /// <summary>Project targets.</summary>
    public const string Project = "project";

    /// <summary>Group targets.</summary>
    public const string Group = "group";

    /// <summary>Namespace targets.</summary>
    public const string Namespace = "namespace";

    /// <summary>Repository targets.</summary>
    public const string Repository = "repository";

    /// <summary>Feature group targets.</summary>
    public const string FeatureGroup = "feature-group";

    /// <summary>Skips the production check.</summary>
    public const string IgnoreProductionCheck = "ignore-production-check";

    /// <summary>Skips the consistency check between staging and production.</summary>
    public const string IgnoreConsistencyCheck = "ignore-feature-flag-consistency-check";

    /// <summary>Skips the deployment check (enable a flag before the environment runs its merge request).</summary>
    public const string IgnoreDeploymentCheck = "ignore-deployment-check";

    /// <summary>Allows <c>--random</c>.</summary>
    public const string IgnoreRandomDeprecationCheck = "ignore-random-deprecation-check";

    /// <summary>Sets a flag that has no definition.</summary>
    public const string Force = "force";

    /// <summary>Shows the help.</summary>
    public const string Help = "help";

    /// <summary>A rollout plan's ladder, e.g. <c>1,10,25,50,75,100</c>.</summary>
    public const string Steps = "steps";

    /// <summary>The least time between a rollout plan's steps, e.g. <c>15m</c>.</summary>
    public const string Every = "every";

    /// <summary>A named health check a rollout plan watches (repeatable, or a comma list).</summary>
    public const string Check = "check";

    /// <summary>The verification period after a rollout plan's last step, e.g. <c>1d</c>.</summary>
    public const string Verify = "verify";

    /// <summary>The options that take a value.</summary>
    public static readonly IReadOnlyList<string> Valued = [Match, User, Project, Group, Namespace, Repository, FeatureGroup, Steps, Every, Check, Verify];

    /// <summary>The options that take no value (environments aside).</summary>
    public static readonly IReadOnlyList<string> Switches = [Stale, Actors, Random, IgnoreProductionCheck, IgnoreConsistencyCheck, IgnoreDeploymentCheck, IgnoreRandomDeprecationCheck, Force, Help];

    /// <summary>The target options, in the order GitLab's refusal names them.</summary>
    public static readonly IReadOnlyList<string> Targets = [Project, Group, FeatureGroup, Namespace, User, Repository];
}
