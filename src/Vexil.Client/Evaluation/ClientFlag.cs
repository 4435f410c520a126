using Vexil.Client.Metrics;
using Vexil.Core.Evaluation;

namespace Vexil.Client.Evaluation;

/// <summary>A compiled flag with its evaluation counters beside it, so counting needs no second lookup.</summary>
internal sealed class ClientFlag(CompiledFlag flag, EvaluationCounts counts)
{
    public readonly CompiledFlag Flag = flag;

    // The counters' array itself (EvaluationCounts.Record(long[], bool)), not the counts object: one load fewer on
    // every evaluation. The flusher reads the same counters through the builder's EvaluationCounts.
    public readonly long[] CountStripes = counts.Stripes;
}
