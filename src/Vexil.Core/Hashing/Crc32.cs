using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Vexil.Core.Hashing;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum Ruby's <c>Zlib.crc32</c> computes and Flipper
/// buckets actors with. System.IO.Hashing is not available here, so this is our own: table-driven, "slicing by 16"
/// (sixteen lookup tables let one step consume sixteen bytes), and allocation-free.
/// </summary>
/// <remarks>
/// The API is incremental: <see cref="Append(uint, ReadOnlySpan{byte})"/> continues from a running state, so the
/// evaluator keeps each flag's state after its name and hashes only the actor ids, never concatenating strings.
/// A running state starts at <see cref="InitialState"/> and becomes the checksum through <see cref="Finish"/>.
/// <see cref="AppendUtf8"/> hashes .NET strings as their UTF-8 bytes without encoding them into a buffer first:
/// runs of ASCII (what flipper ids nearly always are) are narrowed four characters per 64-bit read.
/// </remarks>
public static class Crc32
{
    /// <summary>The running state before any byte is hashed.</summary>
    public const uint InitialState = 0xFFFFFFFFu;

    private const uint Polynomial = 0xEDB88320u;
    private const ulong NonAsciiMask = 0xFF80_FF80_FF80_FF80UL;

    // Table[k * 256 + b] is the CRC contribution of byte b followed by k zero bytes.
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(InitialState, data));

    /// <summary>The CRC-32 of the UTF-8 encoding of <paramref name="text"/>.</summary>
    public static uint Compute(ReadOnlySpan<char> text) => Finish(AppendUtf8(InitialState, text));

    /// <summary>Turns a running state into the checksum.</summary>
    public static uint Finish(uint state) => ~state;

    /// <summary>Continues a running state over <paramref name="data"/>.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        ref var start = ref MemoryMarshal.GetReference(data);
        var crc = state;
        var length = data.Length;
        var i = 0;
        for (; length - i >= 16; i += 16)
        {
            crc = Step16(
                ref table,
                Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i)) ^ crc,
                Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i + 4)),
                Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i + 8)),
                Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i + 12)));
        }

        if (length - i >= 8)
        {
            crc = Step8(ref table, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i)) ^ crc, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i + 4)));
            i += 8;
        }

        if (length - i >= 4)
        {
            crc = Step4(ref table, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i)) ^ crc);
            i += 4;
        }

        return (length - i) switch
        {
            0 => crc,
            1 => Tail1(ref table, crc, Unsafe.Add(ref start, i)),
            2 => Tail2(ref table, crc, Unsafe.Add(ref start, i), Unsafe.Add(ref start, i + 1)),
            _ => Tail3(ref table, crc, Unsafe.Add(ref start, i), Unsafe.Add(ref start, i + 1), Unsafe.Add(ref start, i + 2)),
        };
    }

    /// <summary>
    /// Continues a running state over the UTF-8 encoding of <paramref name="text"/>. Lone surrogates hash as U+FFFD,
    /// as .NET's UTF-8 encoder writes them.
    /// </summary>
    public static uint AppendUtf8(uint state, ReadOnlySpan<char> text)
    {
        // The narrowing reads characters as little-endian integers; the JIT folds this check away.
        if (!BitConverter.IsLittleEndian)
        {
            return AppendUtf8Slow(state, text);
        }

        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text));
        var crc = state;
        var length = text.Length;
        var i = 0;

        // Runs of ASCII (what flipper ids nearly always are): four characters per 64-bit read, narrowed to bytes.
        for (; length - i >= 16; i += 16)
        {
            var a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * 2));
            var b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (i * 2) + 8));
            var c = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (i * 2) + 16));
            var d = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (i * 2) + 24));
            if (((a | b | c | d) & NonAsciiMask) != 0)
            {
                return AppendUtf8Slow(crc, text[i..]);
            }

            crc = Step16(ref table, NarrowAscii(a) ^ crc, NarrowAscii(b), NarrowAscii(c), NarrowAscii(d));
        }

        if (length - i >= 8)
        {
            var a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * 2));
            var b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (i * 2) + 8));
            if (((a | b) & NonAsciiMask) != 0)
            {
                return AppendUtf8Slow(crc, text[i..]);
            }

            crc = Step8(ref table, NarrowAscii(a) ^ crc, NarrowAscii(b));
            i += 8;
        }

        if (length - i >= 4)
        {
            var a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * 2));
            if ((a & NonAsciiMask) != 0)
            {
                return AppendUtf8Slow(crc, text[i..]);
            }

            crc = Step4(ref table, NarrowAscii(a) ^ crc);
            i += 4;
        }

        // The last one to three characters: one table step for all of them rather than one per byte.
        var rest = text[i..];
        switch (rest.Length)
        {
            case 0:
                return crc;
            case 1 when rest[0] < 0x80:
                return Tail1(ref table, crc, (byte)rest[0]);
            case 2 when (rest[0] | rest[1]) < 0x80:
                return Tail2(ref table, crc, (byte)rest[0], (byte)rest[1]);
            case 3 when (rest[0] | rest[1] | rest[2]) < 0x80:
                return Tail3(ref table, crc, (byte)rest[0], (byte)rest[1], (byte)rest[2]);
            default:
                return AppendUtf8Slow(crc, rest);
        }
    }

    // Text with characters outside ASCII: encode one scalar value at a time (1 to 4 bytes). Kept out of line so the
    // ASCII path above stays small enough to inline and free of stack buffers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint AppendUtf8Slow(uint state, ReadOnlySpan<char> text)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        var crc = state;
        Span<byte> encoded = stackalloc byte[4];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                crc = Step1(ref table, crc, (byte)c);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            var written = rune.EncodeToUtf8(encoded);
            for (var b = 0; b < written; b++)
            {
                crc = Step1(ref table, crc, encoded[b]);
            }

            i += consumed;
        }

        return crc;
    }

    // Four UTF-16 ASCII characters (one per 16 bits) become four bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NarrowAscii(ulong fourChars) =>
        (uint)(fourChars & 0xFF)
        | (uint)((fourChars >> 8) & 0xFF00)
        | (uint)((fourChars >> 16) & 0xFF_0000)
        | (uint)((fourChars >> 24) & 0xFF00_0000);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step1(ref uint table, uint crc, byte value) =>
        Unsafe.Add(ref table, (int)((crc ^ value) & 0xFF)) ^ (crc >> 8);

    // One to three trailing bytes in one step: with k bytes folded into the running CRC, byte j needs the table for
    // (k - 1 - j) following zero bytes, and the CRC's untouched high bytes shift down by 8k bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tail1(ref uint table, uint crc, byte b0) => Step1(ref table, crc, b0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tail2(ref uint table, uint crc, byte b0, byte b1)
    {
        var word = crc ^ (uint)(b0 | (b1 << 8));
        return (crc >> 16)
            ^ Unsafe.Add(ref table, 256 + (int)(word & 0xFF))
            ^ Unsafe.Add(ref table, (int)((word >> 8) & 0xFF));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tail3(ref uint table, uint crc, byte b0, byte b1, byte b2)
    {
        var word = crc ^ (uint)(b0 | (b1 << 8) | (b2 << 16));
        return (crc >> 24)
            ^ Unsafe.Add(ref table, (2 * 256) + (int)(word & 0xFF))
            ^ Unsafe.Add(ref table, 256 + (int)((word >> 8) & 0xFF))
            ^ Unsafe.Add(ref table, (int)((word >> 16) & 0xFF));
    }

    // "word" already has the running CRC folded in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step4(ref uint table, uint word) =>
        Unsafe.Add(ref table, (3 * 256) + (int)(word & 0xFF))
        ^ Unsafe.Add(ref table, (2 * 256) + (int)((word >> 8) & 0xFF))
        ^ Unsafe.Add(ref table, 256 + (int)((word >> 16) & 0xFF))
        ^ Unsafe.Add(ref table, (int)(word >> 24));

    // "first" already has the running CRC folded in; "second" is the next four bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step8(ref uint table, uint first, uint second) =>
        Unsafe.Add(ref table, (7 * 256) + (int)(first & 0xFF))
        ^ Unsafe.Add(ref table, (6 * 256) + (int)((first >> 8) & 0xFF))
        ^ Unsafe.Add(ref table, (5 * 256) + (int)((first >> 16) & 0xFF))
        ^ Unsafe.Add(ref table, (4 * 256) + (int)(first >> 24))
        ^ Step4(ref table, second);

    // Sixteen bytes per step: the running CRC feeds only the first word, so the four lookups of each word run in
    // parallel and the dependency chain is one step per 16 bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step16(ref uint table, uint first, uint second, uint third, uint fourth) =>
        Unsafe.Add(ref table, (15 * 256) + (int)(first & 0xFF))
        ^ Unsafe.Add(ref table, (14 * 256) + (int)((first >> 8) & 0xFF))
        ^ Unsafe.Add(ref table, (13 * 256) + (int)((first >> 16) & 0xFF))
        ^ Unsafe.Add(ref table, (12 * 256) + (int)(first >> 24))
        ^ Unsafe.Add(ref table, (11 * 256) + (int)(second & 0xFF))
        ^ Unsafe.Add(ref table, (10 * 256) + (int)((second >> 8) & 0xFF))
        ^ Unsafe.Add(ref table, (9 * 256) + (int)((second >> 16) & 0xFF))
        ^ Unsafe.Add(ref table, (8 * 256) + (int)(second >> 24))
        ^ Step8(ref table, third, fourth);

    private static uint[] BuildTable()
    {
        var table = new uint[16 * 256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[b] = crc;
        }

        for (var k = 1; k < 16; k++)
        {
            for (var b = 0; b < 256; b++)
            {
                var previous = table[((k - 1) * 256) + b];
                table[(k * 256) + b] = table[(int)(previous & 0xFF)] ^ (previous >> 8);
            }
        }

        return table;
    }
}
