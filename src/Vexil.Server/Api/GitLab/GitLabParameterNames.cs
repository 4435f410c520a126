namespace Vexil.Server.Api.GitLab;

/// <summary>
/// The parameters <c>POST /api/v4/features/:name</c> declares: GitLab's, plus Vexil's <c>environment</c> and the guard-rail
/// overrides <c>ignore_production_check</c>, <c>ignore_feature_flag_consistency_check</c> and <c>ignore_deployment_check</c>.
/// </summary>
internal static class GitLabParameterNames
{
    public const string Value = "value";
    public const string Key = "key";
    public const string FeatureGroup = "feature_group";
    public const string User = "user";
    public const string Group = "group";
    public const string Namespace = "namespace";
    public const string Project = "project";
    public const string Repository = "repository";
    public const string Force = "force";
    public const string Environment = "environment";
    public const string IgnoreProductionCheck = "ignore_production_check";
    public const string IgnoreConsistencyCheck = "ignore_feature_flag_consistency_check";
    public const string IgnoreDeploymentCheck = "ignore_deployment_check";

    /// <summary>The boolean parameters, read as Grape reads booleans.</summary>
    public static readonly IReadOnlyList<string> Booleans = [Force, IgnoreProductionCheck, IgnoreConsistencyCheck, IgnoreDeploymentCheck];

    /// <summary>The parameters that name targets, in the order GitLab declares them (and checks them against <c>key</c>).</summary>
    public static readonly IReadOnlyList<string> Targets = [FeatureGroup, User, Group, Namespace, Project, Repository];

    /// <summary>Every declared parameter; others are ignored, as Grape ignores undeclared ones.</summary>
    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Value, Key, FeatureGroup, User, Group, Namespace, Project, Repository, Force, Environment, IgnoreProductionCheck, IgnoreConsistencyCheck, IgnoreDeploymentCheck], StringComparer.Ordinal);
}
