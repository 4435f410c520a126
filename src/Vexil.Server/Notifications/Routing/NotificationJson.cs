using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vexil.Server.Notifications.Routing;

/// <summary>How notification payloads are written: camelCase, nulls kept (receivers see every field), compact.</summary>
public static class NotificationJson
{
    /// <summary>The serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
