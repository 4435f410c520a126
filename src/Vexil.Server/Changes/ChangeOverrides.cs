namespace Vexil.Server.Changes;

/// <summary>
/// The guard rails a caller asked to skip: <c>--ignore-production-check</c> / <c>ignore_production_check</c>,
/// <c>--ignore-feature-flag-consistency-check</c> / <c>ignore_feature_flag_consistency_check</c>, and
/// <c>--force</c> / <c>force</c> (set a flag that has no definition), and <c>--ignore-deployment-check</c> /
/// <c>ignore_deployment_check</c> (enable a flag before the environment runs its merge request). Every override used is recorded in the audit details.
/// </summary>
/// <param name="IgnoreProductionCheck">Skip the production check.</param>
/// <param name="IgnoreConsistencyCheck">Skip the staging/production consistency check.</param>
/// <param name="Force">Set a flag that has no definition.</param>
/// <param name="IgnoreDeploymentCheck">Skip the deployment check.</param>
public sealed record ChangeOverrides(bool IgnoreProductionCheck = false, bool IgnoreConsistencyCheck = false, bool Force = false, bool IgnoreDeploymentCheck = false)
{
    /// <summary>No override.</summary>
    public static ChangeOverrides None { get; } = new();
}
