using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// The Server-Sent Events text of feed events (docs/stream.md). A change goes to every subscriber of its environment,
/// so its bytes are built once per event and shared: a thousand subscribers cost one serialization.
/// </summary>
internal static class StreamFrames
{
    /// <summary>The keep-alive comment.</summary>
    public static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    private static readonly ConditionalWeakTable<FeedEvent, byte[]> Cache = [];

    /// <summary>The comment written first, saying the stream is live at <paramref name="sequence"/>.</summary>
    public static byte[] Connected(long sequence) => Encoding.UTF8.GetBytes($": connected {sequence}\n\n");

    /// <summary>The frame of a change or reset event.</summary>
    public static byte[] Of(FeedEvent feedEvent) =>
        feedEvent.Kind == FeedEventKind.Heartbeat ? Heartbeat : Cache.GetValue(feedEvent, Build);

    private static byte[] Build(FeedEvent feedEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        if (feedEvent.Kind == FeedEventKind.Change)
        {
            Append(buffer, $"id: {feedEvent.Sequence}\nevent: change\ndata: ");
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("sequence", feedEvent.Sequence);
                writer.WriteString("flag", feedEvent.Flag);
                writer.WritePropertyName("state");
                if (feedEvent.State is { } state)
                {
                    writer.WriteRawValue(FlagStateJson.Serialize(state), skipInputValidation: true);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteEndObject();
            }
        }
        else
        {
            Append(buffer, "event: reset\ndata: ");
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("sequence", feedEvent.Sequence);
                writer.WriteString("reason", feedEvent.Reason);
                writer.WriteEndObject();
            }
        }

        Append(buffer, "\n\n");
        return buffer.WrittenSpan.ToArray();
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string text) =>
        System.Text.Encoding.UTF8.GetBytes(text.AsSpan(), buffer);
}
