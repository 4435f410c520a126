using System.Text;
using BenchmarkDotNet.Attributes;
using Vexil.Core.Hashing;

namespace Vexil.Benchmarks;

/// <summary>CRC-32 of 40 bytes: target at most 15 ns.</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class Crc32Benchmarks
{
    private readonly byte[] fortyBytes = Encoding.ASCII.GetBytes("duo_chat_multi_threadUser:14083400000000");
    private readonly string fortyChars = "duo_chat_multi_threadUser:14083400000000";

    [Benchmark]
    public uint Bytes40() => Crc32.Compute(fortyBytes);

    [Benchmark]
    public uint Utf16Text40() => Crc32.Compute(fortyChars.AsSpan());
}
