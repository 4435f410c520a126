using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Vexil.Core.Evaluation;
using Vexil.Core.Groups;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// Serializes snapshots for <c>GET /api/v1/environments/{env}/snapshot</c>, once per snapshot instance: snapshots are
/// immutable and swapped on every change, so the bytes built for one stay right for as long as it is current, and a
/// burst of SDK start-ups costs one serialization instead of one per request.
/// </summary>
internal sealed class SnapshotDocuments
{
    // Weak keys: a document lives exactly as long as its snapshot, with no eviction policy to get wrong.
    private readonly ConditionalWeakTable<FlagSnapshot, Lazy<SnapshotDocument>> documents = [];

    /// <summary>The document of a snapshot, built on first use.</summary>
    public SnapshotDocument Get(FlagSnapshot snapshot) =>
        documents.GetValue(snapshot, key => new Lazy<SnapshotDocument>(() => Build(key), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Serializes a snapshot in the wire form (docs/stream.md): keys in ordinal order, so equal states give equal bytes.</summary>
    public static SnapshotDocument Build(FlagSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(4096 + (snapshot.Count * 128));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("environment", snapshot.Environment);
            writer.WriteNumber("sequence", snapshot.Sequence);

            writer.WriteStartObject("flags");
            foreach (var flag in snapshot.Flags.Where(flag => flag.State is not null).OrderBy(flag => flag.Name, StringComparer.Ordinal))
            {
                writer.WritePropertyName(flag.Name);
                writer.WriteRawValue(FlagStateJson.Serialize(flag.State!), skipInputValidation: true);
            }

            writer.WriteEndObject();

            // Defined flags without a stored state here: SDKs answer their default_enabled.
            writer.WriteStartObject("defaults");
            foreach (var (name, enabled) in snapshot.DefinitionDefaults.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (snapshot.GetState(name) is null)
                {
                    writer.WriteBoolean(name, enabled);
                }
            }

            writer.WriteEndObject();

            writer.WriteStartObject("groups");
            foreach (var name in snapshot.Groups.Names)
            {
                writer.WriteStartArray(name);
                if (snapshot.Groups.TryGet(name, out var group) && group is ActorListFeatureGroup listed)
                {
                    foreach (var member in listed.Members.Order(StringComparer.Ordinal))
                    {
                        writer.WriteStringValue(member);
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var body = buffer.WrittenSpan.ToArray();
        var etag = "\"" + Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 15)) + "\"";
        return new SnapshotDocument(body, etag);
    }
}
