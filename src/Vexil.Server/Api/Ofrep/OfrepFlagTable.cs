using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vexil.Core.Collections;
using Vexil.Core.Evaluation;
using Vexil.Server.Definitions;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Every flag of one environment's snapshot with its pre-encoded answer parts, in name order, plus a fingerprint of
/// everything that can change an answer apart from the evaluation context. Immutable; rebuilt when the snapshot or
/// the definitions change.
/// </summary>
internal sealed class OfrepFlagTable
{
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText GroupProperty = JsonEncodedText.Encode("group");
    private static readonly JsonEncodedText MilestoneProperty = JsonEncodedText.Encode("milestone");
    private static readonly JsonEncodedText EnvironmentProperty = JsonEncodedText.Encode("environment");

    // Answers are JSON for programs, never HTML: escape only what JSON requires, so group names stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The same string table as the snapshot: as fast as FrozenDictionary to find a flag, and 4-12 times faster to build,
    // which happens after every change of the environment (docs/benchmarks.md, "Libraries against ours").
    private readonly StringMap<OfrepFlagEntry> byName;

    private OfrepFlagTable(FlagSnapshot snapshot, DefinitionCatalog definitions, OfrepFlagEntry[] entries, ulong fingerprint)
    {
        Snapshot = snapshot;
        Definitions = definitions;
        Entries = entries;
        Fingerprint = fingerprint;
        byName = StringMap<OfrepFlagEntry>.Create(entries.Select(entry => KeyValuePair.Create(entry.Flag.Name, entry)));
    }

    /// <summary>The snapshot the table was built from.</summary>
    public FlagSnapshot Snapshot { get; }

    /// <summary>The definitions the metadata came from.</summary>
    public DefinitionCatalog Definitions { get; }

    /// <summary>Every flag, persisted or only defined, sorted by name (ordinal) so bulk answers are stable.</summary>
    public OfrepFlagEntry[] Entries { get; }

    /// <summary>
    /// A hash of the environment, the snapshot's sequence, each flag's status and pre-encoded parts, and the server
    /// configuration that evaluation depends on. Equal fingerprints mean equal answers for equal contexts, on any
    /// replica that shares the configuration.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>Finds a flag.</summary>
    public bool TryGet(string name, out OfrepFlagEntry entry) => byName.TryGetValue(name, out entry!);

    /// <summary>Builds the table.</summary>
    /// <param name="snapshot">The environment's snapshot.</param>
    /// <param name="definitions">The definitions, for metadata.</param>
    /// <param name="configurationFingerprint">Bytes standing for configuration that changes answers without changing the snapshot's sequence (feature groups, the ticket key).</param>
    /// <param name="counters">Where each flag's evaluations are counted.</param>
    public static OfrepFlagTable Build(FlagSnapshot snapshot, DefinitionCatalog definitions, ReadOnlySpan<byte> configurationFingerprint, OfrepEvaluationCounters counters)
    {
        var flags = new List<CompiledFlag>(snapshot.Count);
        foreach (var flag in snapshot.Flags)
        {
            flags.Add(flag);
        }

        flags.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData("vexil-ofrep-1\n"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(snapshot.Environment));
        BinaryPrimitives.WriteInt64LittleEndian(number, snapshot.Sequence);
        hash.AppendData(number);
        hash.AppendData(configurationFingerprint);

        var environment = JsonEncodedText.Encode(snapshot.Environment, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var buffer = new ArrayBufferWriter<byte>(256);
        var entries = new OfrepFlagEntry[flags.Count];
        for (var i = 0; i < flags.Count; i++)
        {
            var flag = flags[i];
            definitions.TryGet(flag.Name, out var definition);
            var entry = new OfrepFlagEntry(flag, EncodeHead(flag.Name), EncodeTail(buffer, definition, environment), counters.For(snapshot.Environment, flag.Name));
            entries[i] = entry;

            // A defined-only flag's answer comes from its definition, which can change while the sequence stays put.
            hash.AppendData(entry.Head);
            hash.AppendData(entry.Tail);
            number[0] = (byte)flag.Status;
            number[1] = flag.IsPersisted ? (byte)1 : (byte)0;
            hash.AppendData(number[..2]);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new OfrepFlagTable(snapshot, definitions, entries, BinaryPrimitives.ReadUInt64LittleEndian(digest));
    }

    private static byte[] EncodeHead(string name)
    {
        var key = JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var head = new byte[8 + key.Length + 2];
        "{\"key\":\""u8.CopyTo(head);
        key.CopyTo(head.AsSpan(8));
        "\","u8.CopyTo(head.AsSpan(8 + key.Length));
        return head;
    }

    private static byte[] EncodeTail(ArrayBufferWriter<byte> buffer, FlagDefinition? definition, JsonEncodedText environment)
    {
        buffer.ResetWrittenCount();
        buffer.Write("\"metadata\":"u8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (definition is not null)
            {
                writer.WriteString(TypeProperty, definition.Type.Name);
                writer.WriteString(GroupProperty, definition.Group);
                writer.WriteString(MilestoneProperty, definition.Milestone);
            }

            writer.WriteString(EnvironmentProperty, environment);
            writer.WriteEndObject();
        }

        buffer.Write("}"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
