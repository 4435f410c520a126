namespace Vexil.Server.Lifecycle;

/// <summary>
/// When each flag was last evaluated, from the SDKs' evaluation counts (<c>POST /api/v1/metrics</c>). The "not
/// evaluated for N days" rule applies only once some evaluations are recorded at all: a team whose SDKs send no counts
/// would otherwise see every flag as never evaluated.
/// </summary>
public interface IEvaluationActivity
{
    /// <summary>True when any SDK has reported evaluation counts in any environment.</summary>
    Task<bool> IsRecordedAsync(CancellationToken cancellationToken);

    /// <summary>When <paramref name="flag"/> was last evaluated in any environment (null when never), its total evaluations, and the environments that reported it.</summary>
    Task<FlagActivity> GetAsync(string flag, CancellationToken cancellationToken);
}
