namespace Vexil.Server.Changes;

/// <summary>
/// The guard rails a caller asked to skip: <c>--ignore-production-check</c> / <c>ignore_production_check</c>,
/// <c>--ignore-feature-flag-consistency-check</c> / <c>ignore_feature_flag_consistency_check</c>, and
/// <c>--force</c> / <c>force</c> (set a flag that has no definition). Every override used is recorded in the audit details.
/// </summary>
/// <param name="IgnoreProductionCheck">Skip the production check.</param>
/// <param name="IgnoreConsistencyCheck">Skip the staging/production consistency check.</param>
/// <param name="Force">Set a flag that has no definition.</param>
public sealed record ChangeOverrides(bool IgnoreProductionCheck = false, bool IgnoreConsistencyCheck = false, bool Force = false)
{
    /// <summary>No override.</summary>
    public static ChangeOverrides None { get; } = new();
}
