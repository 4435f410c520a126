using Vexil.Core.Evaluation;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// One flag ready to answer over OFREP: the compiled flag and the parts of its answer that do not depend on the
/// evaluation, already encoded. Built once per snapshot and definitions version.
/// </summary>
/// <param name="flag">The compiled flag.</param>
/// <param name="head">The pre-encoded key.</param>
/// <param name="tail">The pre-encoded metadata.</param>
/// <param name="counts">The flag's evaluation counters, one per outcome index (<see cref="OfrepEvaluationCounters"/>).</param>
internal sealed class OfrepFlagEntry(CompiledFlag flag, byte[] head, byte[] tail, long[] counts)
{
    // Decided once per snapshot: whether a miss is the losing side of a percentage split.
    private readonly bool splits = flag.State is { } state && (state.PercentageOfActors.IsEnabled || state.PercentageOfTime.IsEnabled);

    /// <summary>The compiled flag.</summary>
    public CompiledFlag Flag { get; } = flag;

    /// <summary><c>{"key":"name",</c></summary>
    public byte[] Head { get; } = head;

    /// <summary><c>"metadata":{...}}</c></summary>
    public byte[] Tail { get; } = tail;

    /// <summary>Decides the flag, counts the outcome, and returns the index of the matching value/reason fragment.</summary>
    public byte Evaluate(ReadOnlySpan<string> actors)
    {
        var outcome = OfrepFragments.OutcomeIndex(Flag.Evaluate(actors), splits);

        // The only cost metrics add to an evaluation: no tags, no lookup, no allocation.
        Interlocked.Increment(ref counts[outcome]);
        return outcome;
    }

    /// <summary>The encoded length of the answer for an outcome.</summary>
    public int Length(byte outcome) => Head.Length + OfrepFragments.Outcome(outcome).Length + Tail.Length;

    /// <summary>Copies the answer for an outcome; the destination must hold <see cref="Length"/> bytes.</summary>
    public void CopyTo(Span<byte> destination, byte outcome)
    {
        var middle = OfrepFragments.Outcome(outcome);
        Head.CopyTo(destination);
        middle.CopyTo(destination[Head.Length..]);
        Tail.CopyTo(destination[(Head.Length + middle.Length)..]);
    }
}
