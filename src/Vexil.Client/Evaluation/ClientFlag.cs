using Vexil.Client.Metrics;
using Vexil.Core.Evaluation;

namespace Vexil.Client.Evaluation;

/// <summary>A compiled flag with its evaluation counters beside it, so counting needs no second lookup.</summary>
internal sealed class ClientFlag(CompiledFlag flag, EvaluationCounts counts)
{
    public readonly CompiledFlag Flag = flag;

    public readonly EvaluationCounts Counts = counts;

    // The counters' array itself, read on every evaluation: one load fewer than going through Counts.
    public readonly long[] CountStripes = counts.Stripes;
}
