using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vexil.Core.Hashing;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum Ruby's <c>Zlib.crc32</c> computes and Flipper
/// buckets actors with. System.IO.Hashing is not available here, so this is our own, table-driven with
/// "slicing by 8": eight lookup tables let each step consume eight bytes, which is what keeps a 40-byte hash
/// around 10 ns.
/// </summary>
/// <remarks>
/// The API is incremental: <see cref="Append(uint, ReadOnlySpan{byte})"/> continues from a running state, so the
/// evaluator can keep each flag's state after its name and hash only the actor ids, without concatenating strings.
/// A running state starts at <see cref="InitialState"/> and becomes the checksum through <see cref="Finish"/>.
/// </remarks>
public static class Crc32
{
    /// <summary>The running state before any byte is hashed.</summary>
    public const uint InitialState = 0xFFFFFFFFu;

    private const uint Polynomial = 0xEDB88320u;

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
        var table = Table.AsSpan();
        var crc = state;
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[(7 * 256) + (int)(low & 0xFF)]
                ^ table[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (int)(low >> 24)]
                ^ table[(3 * 256) + (int)(high & 0xFF)]
                ^ table[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ table[256 + (int)((high >> 16) & 0xFF)]
                ^ table[(int)(high >> 24)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>
    /// Continues a running state over the UTF-8 encoding of <paramref name="text"/> without allocating: short text is
    /// encoded on the stack, long text into a pooled buffer. Lone surrogates encode as U+FFFD, as .NET's UTF-8 does.
    /// </summary>
    public static uint AppendUtf8(uint state, ReadOnlySpan<char> text)
    {
        const int StackLimit = 256;
        if (text.Length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit * 3];
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return Append(state, buffer[..written]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return Append(state, rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

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
