using Vexil.Core.Collections;

namespace Vexil.Client.Evaluation;

/// <summary>
/// What evaluations read: an immutable table of compiled flags at one sequence number. The sync loop builds a new one
/// and swaps the reference, so a reader sees either the old table or the new one, never half of a change.
/// </summary>
internal sealed class ClientFlagTable(StringMap<ClientFlag> flags, long sequence)
{
    public static readonly ClientFlagTable Empty = new(StringMap<ClientFlag>.Empty, 0);

    public readonly StringMap<ClientFlag> Flags = flags;

    public readonly long Sequence = sequence;
}
