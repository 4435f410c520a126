namespace Vexil.Server.Lifecycle;

/// <summary>
/// The seam to the SDKs' evaluation counts (<c>POST /api/v1/metrics</c>): when each flag was last evaluated, in any
/// environment. Until counts are recorded, <see cref="NoEvaluationActivity"/> answers and the "not evaluated" rule
/// does not apply.
/// </summary>
public interface IEvaluationActivity
{
    /// <summary>True when evaluation counts are recorded at all; false turns the "not evaluated" rule off.</summary>
    bool IsRecorded { get; }

    /// <summary>When <paramref name="flag"/> was last evaluated in any environment, or null when never; with the count since <paramref name="since"/>.</summary>
    Task<(DateTimeOffset? LastEvaluated, long CountSince)> GetAsync(string flag, DateTimeOffset since, CancellationToken cancellationToken);
}
