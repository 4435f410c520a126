using System.Globalization;
using System.Text;

namespace Vexil.Server.Tests.Fuzz;

/// <summary>
/// The hostile values every endpoint must refuse cleanly (a 4xx with a message), built from a seed so a failure can be
/// replayed: lone UTF-16 surrogates (high and low, as JSON escapes and as the UTF-8 bytes that would encode them),
/// bidirectional and zero-width characters, keys given twice, empty list items, huge numbers and wrong JSON types.
/// </summary>
public sealed class HostileInput(int seed)
{
    /// <summary>Lone surrogates as JSON escapes.</summary>
    public static readonly string[] JsonLoneSurrogates = ["\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ude00\\ud83d", "\\ud83d"];

    /// <summary>Lone surrogates as percent-encoded "UTF-8" (which UTF-8 forbids), for query strings and forms.</summary>
    public static readonly string[] EncodedLoneSurrogates = ["%ED%A0%80", "%ED%B0%80", "%ED%BF%BF", "%ED%A0%BD"];

    /// <summary>Characters that disguise text: bidirectional controls and zero-width characters.</summary>
    public static readonly char[] Disguising = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200F'];

    /// <summary>Numbers no field takes.</summary>
    public static readonly string[] HugeNumbers = ["99999999999", "-99999999999", "12345678901234567890", "1e309", "-1e309", "1e-400", "9223372036854775808", "0.1e99999"];

    /// <summary>The names parameters and JSON fields are known by, across every API.</summary>
    public static readonly string[] FieldNames =
    [
        "value", "key", "user", "project", "group", "namespace", "repository", "feature_group", "force", "environment", "environments",
        "name", "kind", "expiresAt", "text", "title", "severity", "by", "reason", "startsAt", "endsAt", "status", "page", "pageSize",
        "from", "to", "flag", "match", "all", "context", "targetingKey", "actors", "token", "user_name", "response_url", "command",
    ];

    private static readonly string[] Plain = ["true", "false", "50", "staging", "production", "gstg", "User:1", "a,,b", ",", "", "feature get duo_chat_multi_thread", "read", "2030-01-01T00:00:00Z", "1"];

    private readonly Random random = new(seed);

    /// <summary>A random integer below <paramref name="max"/>.</summary>
    public int Next(int max) => random.Next(max);

    /// <summary>Picks one item.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A hostile or plain text value (a C# string, so surrogates appear only in pairs or as disguising characters).</summary>
    public string Text() => random.Next(6) switch
    {
        0 => "User:ad" + Pick(Disguising) + "min",
        1 => Pick(Disguising) + Pick(Plain),
        2 => Pick(HugeNumbers),
        3 => "a," + (random.Next(2) == 0 ? "," : ", ,") + "b",
        _ => Pick(Plain),
    };

    /// <summary>A query string: hostile values, lone surrogates in percent-encoding, and parameters given twice.</summary>
    public string Query()
    {
        var parts = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var name = Pick(FieldNames);
            var value = random.Next(4) == 0 ? "x" + Pick(EncodedLoneSurrogates) : Uri.EscapeDataString(Text());
            parts.Add($"{name}={value}");
            if (random.Next(4) == 0)
            {
                parts.Add($"{name}={Uri.EscapeDataString(Text())}"); // the same parameter twice
            }
        }

        return "?" + string.Join('&', parts);
    }

    /// <summary>A form body with the same kinds of values.</summary>
    public string Form() => Query()[1..];

    /// <summary>A JSON object: hostile strings (lone surrogates as escapes), huge numbers, wrong types, keys twice.</summary>
    public string Json(int depth = 0)
    {
        var builder = new StringBuilder("{");
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var name = Pick(FieldNames);
            builder.Append('"').Append(name).Append("\":").Append(JsonValue(name, depth));
            if (random.Next(5) == 0)
            {
                builder.Append(",\"").Append(name).Append("\":").Append(JsonValue(name, depth)); // the same key twice
            }
        }

        return builder.Append('}').ToString();
    }

    private string JsonValue(string name, int depth) => random.Next(9) switch
    {
        0 => "\"User:" + Pick(JsonLoneSurrogates) + "\"",
        1 => "\"" + Pick(JsonLoneSurrogates) + "\"",
        2 => Pick(HugeNumbers),
        3 => Pick(["true", "null", "[]", "{}", "5", "[1,\"a\",null]"]),
        4 when depth < 2 && name == "context" => ContextJson(depth),
        4 when depth < 2 => Json(depth + 1),
        5 => "[\"User:1\",\"\",\"User:" + Pick(JsonLoneSurrogates) + "\"]",
        _ => JsonString(Text()),
    };

    private string ContextJson(int depth) =>
        "{\"targetingKey\":" + JsonValue("targetingKey", depth + 1) + ",\"actors\":" + JsonValue("actors", depth + 1)
        + (random.Next(3) == 0 ? ",\"targetingKey\":\"User:2\"" : string.Empty) + "}";

    private static string JsonString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < 32)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
