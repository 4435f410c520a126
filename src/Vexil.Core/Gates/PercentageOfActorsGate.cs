using System.Buffers;
using Vexil.Core.Actors;
using Vexil.Core.Evaluation;
using Vexil.Core.Hashing;

namespace Vexil.Core.Gates;

/// <summary>
/// Flipper's deterministic rollout: open when <c>crc32(flag + sorted(actor ids).join("")) % 100000 &lt; percentage * 1000</c>.
/// The CRC state after the flag name and the double threshold are computed once, so a check hashes only the
/// actor ids. Several actors are ordered as Ruby sorts strings (code-point order) before hashing.
/// </summary>
public sealed class PercentageOfActorsGate : Gate
{
    private const int Buckets = 100_000;
    private const int StackSortLimit = 16;

    private readonly uint stateAfterFlagName;
    private readonly double threshold;

    /// <summary>Creates the gate for a flag at a percentage.</summary>
    public PercentageOfActorsGate(string flagName, Percentage percentage)
        : base(EvaluationReason.Split)
    {
        stateAfterFlagName = Crc32.AppendUtf8(Crc32.InitialState, flagName);
        threshold = percentage.ScaledThreshold;
    }

    /// <summary>The bucket (0..99,999) these actors fall in for a flag: exposed for tools and tests.</summary>
    public static int Bucket(string flagName, ReadOnlySpan<string> actors) =>
        BucketFrom(Crc32.AppendUtf8(Crc32.InitialState, flagName), actors);

    /// <inheritdoc />
    public override bool IsOpen(ReadOnlySpan<string> actors)
    {
        // One actor is the common case: keep it free of the sorting machinery below.
        if (actors.Length == 1)
        {
            var only = actors[0];
            return only is not null && Crc32.Finish(Crc32.AppendUtf8(stateAfterFlagName, only)) % Buckets < threshold;
        }

        var bucket = BucketFrom(stateAfterFlagName, actors);
        return bucket >= 0 && bucket < threshold;
    }

    // Returns -1 when there is no actor to bucket.
    private static int BucketFrom(uint state, ReadOnlySpan<string> actors)
    {
        if (actors.Length == 1)
        {
            var only = actors[0];
            return only is null ? -1 : (int)(Crc32.Finish(Crc32.AppendUtf8(state, only)) % Buckets);
        }

        if (actors.Length == 0)
        {
            return -1;
        }

        if (actors.Length <= 3 && actors.IndexOf((string)null!) < 0)
        {
            return SmallSortedBucket(state, actors);
        }

        return SortedBucket(state, actors);
    }

    // Two or three actors, the usual multi-actor call (user, project, group): sorted in registers, no buffers.
    private static int SmallSortedBucket(uint state, ReadOnlySpan<string> actors)
    {
        var first = actors[0];
        var second = actors[1];
        var third = actors.Length == 3 ? actors[2] : null;
        if (RubyStringComparer.Compare(first, second) > 0)
        {
            (first, second) = (second, first);
        }

        if (third is not null && RubyStringComparer.Compare(second, third) > 0)
        {
            (second, third) = (third, second);
            if (RubyStringComparer.Compare(first, second) > 0)
            {
                (first, second) = (second, first);
            }
        }

        state = Crc32.AppendUtf8(Crc32.AppendUtf8(state, first), second);
        if (third is not null)
        {
            state = Crc32.AppendUtf8(state, third);
        }

        return (int)(Crc32.Finish(state) % Buckets);
    }

    // Several actors: hash them in Ruby's sort order. Separate from the single-actor path so that path carries no
    // stack buffer or try/finally.
    private static int SortedBucket(uint state, ReadOnlySpan<string> actors)
    {
        // Sort indices, not strings, so the caller's span is left alone and nothing is allocated for small counts.
        int[]? rented = null;
        var order = actors.Length <= StackSortLimit
            ? stackalloc int[StackSortLimit]
            : (rented = ArrayPool<int>.Shared.Rent(actors.Length));
        try
        {
            var count = 0;
            for (var i = 0; i < actors.Length; i++)
            {
                if (actors[i] is null)
                {
                    continue; // Flipper compacts nils away
                }

                // Insertion sort: the counts are tiny and this keeps the sort allocation-free and stable.
                var position = count;
                while (position > 0 && RubyStringComparer.Compare(actors[order[position - 1]], actors[i]) > 0)
                {
                    order[position] = order[position - 1];
                    position--;
                }

                order[position] = i;
                count++;
            }

            if (count == 0)
            {
                return -1;
            }

            for (var i = 0; i < count; i++)
            {
                state = Crc32.AppendUtf8(state, actors[order[i]]);
            }

            return (int)(Crc32.Finish(state) % Buckets);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }
}
