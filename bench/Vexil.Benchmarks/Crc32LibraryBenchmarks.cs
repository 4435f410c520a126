using System.Text;
using BenchmarkDotNet.Attributes;
using LibraryCrc32 = System.IO.Hashing.Crc32;
using VexilCrc32 = Vexil.Core.Hashing.Crc32;

namespace Vexil.Benchmarks;

/// <summary>
/// Issue 12: System.IO.Hashing's <c>Crc32</c> against ours (<see cref="VexilCrc32"/>), on actor ids of 5 to 64 bytes
/// (40 is the 40-byte input of <see cref="Crc32Benchmarks"/>). Two questions, one run:
/// <list type="bullet">
/// <item>plain speed over bytes (<c>*_Bytes</c>);</item>
/// <item>the percentage-of-actors check as it ships: the snapshot keeps the CRC state after the flag name and hashes
/// only the actor id's UTF-16 text (<c>Ours_PrefixState</c>). The library cannot start from a saved state (no
/// constructor or method takes one), so the closest it gets is to clone a prefixed instance per check, which allocates
/// (<c>Library_ClonePrefix</c>), or to hash flag name and actor again from a stack buffer (<c>Library_RehashPrefix</c>);
/// both also transcode the actor id to UTF-8 first, which ours does while hashing.</item>
/// </list>
/// Rule from the issue: switch only if the library is at most 10% slower and allows the prefix state.
/// Run: <c>dotnet run -c Release --project bench/Vexil.Benchmarks -- --filter '*Crc32LibraryBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class Crc32LibraryBenchmarks
{
    private const string Flag = "duo_chat_multi_thread";

    // Long enough for every length below; real ids look like this (a project path).
    private const string LongActor = "Project:gitlab-org/gitlab-foss/security/dependency-scanning-runner-1234567890";

    private readonly byte[] flagBytes = Encoding.UTF8.GetBytes(Flag);
    private byte[] actorBytes = null!;
    private string actor = null!;
    private uint oursAfterFlag;
    private LibraryCrc32 libraryAfterFlag = null!;

    /// <summary>The actor id's length in bytes (ASCII, so also in characters).</summary>
    [Params(5, 16, 40, 64)]
    public int Length { get; set; }

    /// <summary>Builds the inputs and checks that both implementations agree, so a wrong comparison fails loudly.</summary>
    [GlobalSetup]
    public void Setup()
    {
        actor = LongActor[..Length];
        actorBytes = Encoding.UTF8.GetBytes(actor);
        oursAfterFlag = VexilCrc32.AppendUtf8(VexilCrc32.InitialState, Flag);
        libraryAfterFlag = new LibraryCrc32();
        libraryAfterFlag.Append(flagBytes);

        var expected = VexilCrc32.Compute(Encoding.UTF8.GetBytes(Flag + actor));
        uint[] answers = [Ours_PrefixState(), Library_ClonePrefix(), Library_RehashPrefix()];
        if (VexilCrc32.Compute(actorBytes) != LibraryCrc32.HashToUInt32(actorBytes) || answers.Any(answer => answer != expected))
        {
            throw new InvalidOperationException($"The two CRC-32 implementations disagree for a {Length}-byte actor id.");
        }
    }

    /// <summary>Ours over bytes.</summary>
    [Benchmark(Baseline = true)]
    public uint Ours_Bytes() => VexilCrc32.Compute(actorBytes);

    /// <summary>The library over bytes.</summary>
    [Benchmark]
    public uint Library_Bytes() => LibraryCrc32.HashToUInt32(actorBytes);

    /// <summary>What the percentage-of-actors gate does: continue the state kept after the flag name over the actor's text.</summary>
    [Benchmark]
    public uint Ours_PrefixState() => VexilCrc32.Finish(VexilCrc32.AppendUtf8(oursAfterFlag, actor));

    /// <summary>The library's only way to keep the prefix: clone an instance that has hashed the flag name (allocates).</summary>
    [Benchmark]
    public uint Library_ClonePrefix()
    {
        var crc = libraryAfterFlag.Clone();
        Span<byte> utf8 = stackalloc byte[256];
        crc.Append(utf8[..Encoding.UTF8.GetBytes(actor, utf8)]);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>Without a prefix state: hash the flag name and the actor again, from one stack buffer.</summary>
    [Benchmark]
    public uint Library_RehashPrefix()
    {
        Span<byte> buffer = stackalloc byte[256];
        flagBytes.CopyTo(buffer);
        var written = Encoding.UTF8.GetBytes(actor, buffer[flagBytes.Length..]);
        return LibraryCrc32.HashToUInt32(buffer[..(flagBytes.Length + written)]);
    }
}
