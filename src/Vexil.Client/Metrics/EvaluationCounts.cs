using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vexil.Client.Metrics;

/// <summary>
/// One flag's true and false answers. Counting sits on the evaluation path (budget: 25 ns for the whole check), so it
/// is a plain increment, not an interlocked one (a locked add alone costs 5–7 ns): the counters are striped by thread
/// (by where the thread's stack lies, see <see cref="Record(long[], bool)"/>),
/// each stripe on its own cache line, so threads checking the same flag rarely touch the same counter and never fight
/// over one line. The counters only ever grow; a flush reports the difference from what it reported last, so a flush
/// running beside an increment can neither lose what was reported nor count it twice.
/// </summary>
/// <remarks>
/// The price of the plain increment: two threads that fall on the same stripe, incrementing the same flag's
/// counter in the same few nanoseconds, may count once instead of twice. Counts feed usage figures and stale-flag
/// detection (was it evaluated, roughly how often), which a rare lost increment does not change.
/// </remarks>
internal sealed class EvaluationCounts
{
    // Eight longs are one 64-byte cache line; a stripe's true count is at [stripe * 8], its false count at [stripe * 8 + 1].
    private const int LongsPerStripe = 8;

    // Spreads stack addresses (in 64 KB units) over the stripes: Fibonacci hashing, top bits taken.
    private const ulong StackHashFactor = 0x9E3779B97F4A7C15UL;

    private static readonly int StripeMask = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(System.Environment.ProcessorCount, 1, 8)) - 1;

    private readonly long[] counters = new long[(StripeMask + 1) * LongsPerStripe];
    private readonly Lock taking = new();
    private long reportedTrue;
    private long reportedFalse;

    /// <summary>
    /// The striped counters themselves, for <see cref="Record(long[], bool)"/>: the evaluation path keeps this array
    /// beside the compiled flag, so counting costs no load of this object.
    /// </summary>
    public long[] Stripes => counters;

    /// <summary>Counts one answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(bool enabled) => Record(counters, enabled);

    /// <summary>Counts one answer in <paramref name="stripes"/> (some instance's <see cref="Stripes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Record(long[] stripes, bool enabled)
    {
        // The stripe comes from where this thread's stack is: each thread has its own stack region, so threads land on
        // different stripes (as with a thread id), but the address costs a few instructions where a thread id or a
        // thread-static field costs a call on Linux (2–3 ns of the 25 ns budget). Bits under 64 KB are dropped so
        // call depth does not move a thread between stripes; a thread that does move only shares a stripe sooner.
        // The index is below the array's length by construction (mask, then an offset under LongsPerStripe).
        var probe = enabled;
        var stackAddress = (ulong)Unsafe.ByteOffset(ref Unsafe.NullRef<bool>(), ref probe);
        var stripe = (int)(((stackAddress >> 16) * StackHashFactor) >> 58) & StripeMask;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(stripes), (stripe * LongsPerStripe) + (enabled ? 0 : 1))++;
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
