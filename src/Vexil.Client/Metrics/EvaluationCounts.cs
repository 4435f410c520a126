using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vexil.Client.Metrics;

/// <summary>
/// One flag's true and false answers. Counting sits on the evaluation path (budget: 25 ns for the whole check), so it
/// is a plain increment, not an interlocked one (a locked add alone costs 5–7 ns): the counters are striped by thread,
/// each stripe on its own cache line, so threads checking the same flag rarely touch the same counter and never fight
/// over one line. The counters only ever grow; a flush reports the difference from what it reported last, so a flush
/// running beside an increment can neither lose what was reported nor count it twice.
/// </summary>
/// <remarks>
/// The price of the plain increment: two threads whose ids fall on the same stripe, incrementing the same flag's
/// counter in the same few nanoseconds, may count once instead of twice. Counts feed usage figures and stale-flag
/// detection (was it evaluated, roughly how often), which a rare lost increment does not change.
/// </remarks>
internal sealed class EvaluationCounts
{
    // Eight longs are one 64-byte cache line; a stripe's true count is at [stripe * 8], its false count at [stripe * 8 + 1].
    private const int LongsPerStripe = 8;

    private static readonly int StripeMask = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(System.Environment.ProcessorCount, 1, 8)) - 1;

    private readonly long[] counters = new long[(StripeMask + 1) * LongsPerStripe];
    private readonly Lock taking = new();
    private long reportedTrue;
    private long reportedFalse;

    /// <summary>Counts one answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(bool enabled)
    {
        // The index is below the array's length by construction (mask, then an offset under LongsPerStripe).
        var index = ((System.Environment.CurrentManagedThreadId & StripeMask) * LongsPerStripe) + (enabled ? 0 : 1);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(counters), index)++;
    }

    /// <summary>Every answer counted so far (true, false), including what earlier flushes took.</summary>
    public (long True, long False) Total()
    {
        long trueCount = 0, falseCount = 0;
        for (var stripe = 0; stripe < counters.Length; stripe += LongsPerStripe)
        {
            trueCount += Volatile.Read(ref counters[stripe]);
            falseCount += Volatile.Read(ref counters[stripe + 1]);
        }

        return (trueCount, falseCount);
    }

    /// <summary>Takes the counts since the last take.</summary>
    public (long True, long False) Take()
    {
        lock (taking)
        {
            var (trueCount, falseCount) = Total();
            var taken = (trueCount - reportedTrue, falseCount - reportedFalse);
            reportedTrue = trueCount;
            reportedFalse = falseCount;
            return taken;
        }
    }

    /// <summary>Puts counts back after a flush that did not reach the server, so they go with the next one.</summary>
    public void Restore(long trueCount, long falseCount)
    {
        lock (taking)
        {
            reportedTrue -= trueCount;
            reportedFalse -= falseCount;
        }
    }
}
