using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vexil.Client.Metrics;

/// <summary>
/// One flag's true and false answers since the last flush. Counting sits on the evaluation path, so it is one
/// interlocked add on a counter that threads rarely share: the counters are striped by thread, each stripe on its own
/// cache line, so eight threads checking the same flag do not fight over one line. A flush swaps each stripe to zero.
/// </summary>
internal sealed class EvaluationCounts
{
    // Eight longs are one 64-byte cache line; a stripe's true count is at [stripe * 8], its false count at [stripe * 8 + 1].
    private const int LongsPerStripe = 8;

    private static readonly int StripeMask = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(System.Environment.ProcessorCount, 1, 8)) - 1;

    private readonly long[] counters = new long[(StripeMask + 1) * LongsPerStripe];

    /// <summary>Counts one answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(bool enabled)
    {
        var index = ((System.Environment.CurrentManagedThreadId & StripeMask) * LongsPerStripe) + (enabled ? 0 : 1);
        Interlocked.Increment(ref counters[index]);
    }

    /// <summary>Takes the counts so far and starts again from zero.</summary>
    public (long True, long False) Take()
    {
        long trueCount = 0, falseCount = 0;
        for (var stripe = 0; stripe < counters.Length; stripe += LongsPerStripe)
        {
            trueCount += Interlocked.Exchange(ref counters[stripe], 0);
            falseCount += Interlocked.Exchange(ref counters[stripe + 1], 0);
        }

        return (trueCount, falseCount);
    }

    /// <summary>Puts counts back after a flush that did not reach the server, so they go with the next one.</summary>
    public void Restore(long trueCount, long falseCount)
    {
        Interlocked.Add(ref counters[0], trueCount);
        Interlocked.Add(ref counters[1], falseCount);
    }
}
