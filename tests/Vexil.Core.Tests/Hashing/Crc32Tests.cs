using System.Text;
using Vexil.Core.Hashing;
using Xunit;

namespace Vexil.Core.Tests.Hashing;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)] // the standard CRC-32/ISO-HDLC check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Matches_the_standard_check_values(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(expected, Crc32.Compute(text.AsSpan()));
    }

    [Fact]
    public void Incremental_hashing_equals_hashing_the_concatenation()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 100)];
            random.NextBytes(bytes);
            var split = random.Next(0, bytes.Length + 1);
            var incremental = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.InitialState, bytes.AsSpan(0, split)), bytes.AsSpan(split)));
            Assert.Equal(BitwiseCrc(bytes), incremental);
        }
    }

    [Fact]
    public void Hashes_text_as_utf8_including_long_text_beyond_the_stack_buffer()
    {
        foreach (var text in new[] { "User:é", "Project:日本", "emoji:😀", new string('x', 1000) + "ü" })
        {
            Assert.Equal(BitwiseCrc(Encoding.UTF8.GetBytes(text)), Crc32.Compute(text.AsSpan()));
        }
    }

    [Fact]
    public void Hashes_random_mixed_text_exactly_as_its_utf8_bytes_including_lone_surrogates()
    {
        var random = new Random(3);
        var pool = new[] { "a", "User:", "1234567", "é", "日", "😀", "\uFF21", ((char)0xD800).ToString(), ((char)0xDC00).ToString(), "\u007F" };
        for (var round = 0; round < 3000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pool[random.Next(pool.Length)]));
            Assert.Equal(BitwiseCrc(Encoding.UTF8.GetBytes(text)), Crc32.Compute(text.AsSpan()));
        }
    }

    [Fact]
    public void Every_length_and_alignment_matches_the_bitwise_reference_for_bytes_and_ascii_text()
    {
        // Each length from 0 to 80 at eight offsets runs every combination of the 16-, 8- and 4-byte steps and the
        // one-to-three-byte tails, from every alignment.
        var random = new Random(11);
        var buffer = new byte[96];
        for (var length = 0; length <= 80; length++)
        {
            for (var offset = 0; offset < 8; offset++)
            {
                for (var k = 0; k < buffer.Length; k++)
                {
                    buffer[k] = (byte)random.Next(0x20, 0x7F);
                }

                var bytes = buffer.AsSpan(offset, length).ToArray();
                var expected = BitwiseCrc(bytes);
                Assert.Equal(expected, Crc32.Compute(buffer.AsSpan(offset, length)));
                var text = Encoding.ASCII.GetString(bytes);
                Assert.Equal(expected, Crc32.Compute((" " + text).AsSpan(1)));
                Assert.Equal(expected, Crc32.Compute(text.AsSpan()));
                random.NextBytes(bytes);
                Assert.Equal(BitwiseCrc(bytes), Crc32.Compute(bytes));
            }
        }
    }

    // A bit-at-a-time reference, independent of the table-driven implementation.
    private static uint BitwiseCrc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
