using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// The end of a bulk answer after the flags: its event stream (with a ticket for the epoch) and the flag set's
/// metadata. Depends on the table, the epoch and the path base only, so it is encoded once and reused.
/// </summary>
internal sealed class OfrepBulkTail
{
    // The request URI holds '&', which the default encoder would write as \u0026.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private OfrepBulkTail(OfrepFlagTable table, long epoch, string pathBase, byte[] bytes)
    {
        Table = table;
        Epoch = epoch;
        PathBase = pathBase;
        Bytes = bytes;
    }

    /// <summary>The table it was built for.</summary>
    public OfrepFlagTable Table { get; }

    /// <summary>The ticket epoch it was built for.</summary>
    public long Epoch { get; }

    /// <summary>The request path base it was built for (usually empty).</summary>
    public string PathBase { get; }

    /// <summary><c>"eventStreams":[...],"metadata":{...}}</c></summary>
    public byte[] Bytes { get; }

    /// <summary>True when this tail fits a request.</summary>
    public bool Fits(OfrepFlagTable table, long epoch, string pathBase) =>
        ReferenceEquals(Table, table) && Epoch == epoch && string.Equals(PathBase, pathBase, StringComparison.Ordinal);

    /// <summary>Encodes the tail.</summary>
    public static OfrepBulkTail Build(OfrepFlagTable table, long epoch, string pathBase, string ticket, int inactivityDelaySeconds)
    {
        var environment = table.Snapshot.Environment;

        // A relative endpoint: providers join it to the origin they already talk to, so it survives proxies that
        // rewrite host names; the path base keeps it right when Vexil is mounted under a prefix.
        var requestUri = $"{pathBase}{OfrepEventStreamEndpoint.Path}?{OfrepAccess.EnvironmentParameter}={Uri.EscapeDataString(environment)}&{OfrepEventStreamEndpoint.TicketParameter}={Uri.EscapeDataString(ticket)}";
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("\"eventStreams\":"u8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("type", "sse");
            writer.WriteStartObject("endpoint");
            writer.WriteString("requestUri", requestUri);
            writer.WriteEndObject();
            writer.WriteNumber("inactivityDelaySec", inactivityDelaySeconds);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        buffer.Write(",\"metadata\":"u8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("environment", environment);
            writer.WriteNumber("sequence", table.Snapshot.Sequence);
            writer.WriteNumber("flagCount", table.Entries.Length);
            writer.WriteEndObject();
        }

        buffer.Write("}"u8);
        return new OfrepBulkTail(table, epoch, pathBase, buffer.WrittenSpan.ToArray());
    }
}
