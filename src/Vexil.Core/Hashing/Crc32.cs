using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Vexil.Core.Hashing;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum Ruby's <c>Zlib.crc32</c> computes and Flipper
/// buckets actors with. System.IO.Hashing is not available here, so this is our own: table-driven, "slicing by 8"
/// (eight lookup tables let one step consume eight bytes), and allocation-free.
/// </summary>
/// <remarks>
/// The API is incremental: <see cref="Append(uint, ReadOnlySpan{byte})"/> continues from a running state, so the
/// evaluator keeps each flag's state after its name and hashes only the actor ids, never concatenating strings.
/// A running state starts at <see cref="InitialState"/> and becomes the checksum through <see cref="Finish"/>.
/// <see cref="AppendUtf8"/> hashes .NET strings as their UTF-8 bytes without encoding them into a buffer first:
/// runs of ASCII (what flipper ids nearly always are) are narrowed eight characters at a time.
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
        var crc = state;
        while (data.Length >= 8)
        {
            crc = Step8(ref table, BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc, BinaryPrimitives.ReadUInt32LittleEndian(data[4..]));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = Step1(ref table, crc, b);
        }

        return crc;
    }

    /// <summary>
    /// Continues a running state over the UTF-8 encoding of <paramref name="text"/>. Lone surrogates hash as U+FFFD,
    /// as .NET's UTF-8 encoder writes them.
    /// </summary>
    public static uint AppendUtf8(uint state, ReadOnlySpan<char> text)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        var crc = state;
        Span<byte> encoded = stackalloc byte[4];
        var i = 0;
        while (i < text.Length)
        {
            // The narrowing reads characters as little-endian integers; the JIT folds this check away.
            if (BitConverter.IsLittleEndian && text.Length - i >= 8)
            {
                var chars = MemoryMarshal.Cast<char, ulong>(text.Slice(i, 8));
                var first = chars[0];
                var second = chars[1];
                if (((first | second) & NonAsciiMask) == 0)
                {
                    crc = Step8(ref table, NarrowAscii(first) ^ crc, NarrowAscii(second));
                    i += 8;
                    continue;
                }
            }

            var c = text[i];
            if (c < 0x80)
            {
                crc = Step1(ref table, crc, (byte)c);
                i++;
                continue;
            }

            // Outside ASCII: encode one scalar value (1 to 4 bytes) and hash its bytes.
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

    // low already has the running CRC folded in; high is the next four bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step8(ref uint table, uint low, uint high) =>
        Unsafe.Add(ref table, (7 * 256) + (int)(low & 0xFF))
        ^ Unsafe.Add(ref table, (6 * 256) + (int)((low >> 8) & 0xFF))
        ^ Unsafe.Add(ref table, (5 * 256) + (int)((low >> 16) & 0xFF))
        ^ Unsafe.Add(ref table, (4 * 256) + (int)(low >> 24))
        ^ Unsafe.Add(ref table, (3 * 256) + (int)(high & 0xFF))
        ^ Unsafe.Add(ref table, (2 * 256) + (int)((high >> 8) & 0xFF))
        ^ Unsafe.Add(ref table, 256 + (int)((high >> 16) & 0xFF))
        ^ Unsafe.Add(ref table, (int)(high >> 24));

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[b] = crc;
        }

        for (var k = 1; k < 8; k++)
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
