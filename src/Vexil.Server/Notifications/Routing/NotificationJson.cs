using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// How notification payloads are written: camelCase, nulls kept (receivers see every field), compact, and with
/// quotes and angle brackets as themselves rather than \u escapes, since the JSON goes to programs, never into HTML.
/// </summary>
public static class NotificationJson
{
    /// <summary>The serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
