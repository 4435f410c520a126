using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Vexil.Server.Storage;

/// <summary>The stored form of <see cref="ChangeOrigin.Details"/>: a flat JSON object of strings.</summary>
internal static class AuditDetailsJson
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Writes the details as a compact JSON object, keys in ordinal order so equal details give equal text.</summary>
    public static string Serialize(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null || details.Count == 0)
        {
            return "{}";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in details.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads details written by <see cref="Serialize"/>; non-string values are kept as their JSON text.</summary>
    public static IReadOnlyDictionary<string, string> Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return None;
        }

        using var document = JsonDocument.Parse(json);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            details[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }

        return details;
    }
}
