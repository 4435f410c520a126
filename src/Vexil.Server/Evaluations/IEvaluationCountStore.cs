namespace Vexil.Server.Evaluations;

/// <summary>Evaluation counts per flag and environment, added to by SDK reports (<c>POST /api/v1/metrics</c>).</summary>
public interface IEvaluationCountStore
{
    /// <summary>
    /// Adds one report's counts in one transaction: each flag's counts grow by the increments and its last evaluation
    /// moves to <paramref name="evaluatedAt"/> unless a later one is already recorded.
    /// </summary>
    Task RecordAsync(string environment, IReadOnlyList<EvaluationCountIncrement> increments, DateTimeOffset evaluatedAt, CancellationToken cancellationToken = default);

    /// <summary>The counts of one flag in every environment that reported it, by environment name.</summary>
    Task<IReadOnlyList<FlagEvaluationCounts>> GetAsync(string flag, CancellationToken cancellationToken = default);

    /// <summary>The counts of every flag reported in one environment, by flag name (for stale-flag detection).</summary>
    Task<IReadOnlyList<FlagEvaluationCounts>> ListAsync(string environment, CancellationToken cancellationToken = default);
}
