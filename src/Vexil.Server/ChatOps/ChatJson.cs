using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vexil.Server.ChatOps;

/// <summary>How chat answers are written: quotes and angle brackets as themselves, not as \u escapes (the JSON goes to the chat server, never into HTML).</summary>
public static class ChatJson
{
    /// <summary>The serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
