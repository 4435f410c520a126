using System.Buffers;
using System.Text;
using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.State;

namespace Vexil.Server.Storage;

/// <summary>
/// The stored form of a <see cref="FlagState"/>:
/// <c>{"boolean":false,"actors":["User:1"],"groups":["beta"],"percentage_of_actors":"25","percentage_of_time":"0.5"}</c>.
/// Percentages are strings so that "2.007" is kept exactly (a JSON number would invite binary floating point); the
/// same text is written to the flags table and to the audit log's before/after columns.
/// </summary>
public static class FlagStateJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Writes a state as compact JSON.</summary>
    public static string Serialize(FlagState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>(128 + (state.Actors.Count * 16));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean(GateKeys.Boolean, state.Boolean);
            writer.WriteStartArray(GateKeys.Actors);
            foreach (var actor in state.Actors)
            {
                writer.WriteStringValue(actor);
            }

            writer.WriteEndArray();
            writer.WriteStartArray(GateKeys.Groups);
            foreach (var group in state.Groups)
            {
                writer.WriteStringValue(group);
            }

            writer.WriteEndArray();
            writer.WriteString(GateKeys.PercentageOfActors, state.PercentageOfActors.ToString());
            writer.WriteString(GateKeys.PercentageOfTime, state.PercentageOfTime.ToString());
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads a state written by <see cref="Serialize"/> (or re-rendered by PostgreSQL's <c>jsonb</c>, which reorders
    /// keys). Missing members take their "off" value; unknown members are skipped. Throws <see cref="JsonException"/>
    /// or <see cref="FormatException"/> when the text is not a flag state.
    /// </summary>
    public static FlagState Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var boolean = false;
        List<string>? actors = null;
        List<string>? groups = null;
        var percentageOfActors = Percentage.Zero;
        var percentageOfTime = Percentage.Zero;

        Expect(ref reader, JsonTokenType.StartObject);
        while (Read(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException($"Expected a property name in a flag state but found {reader.TokenType}.");
            }

            if (reader.ValueTextEquals(GateKeys.Boolean))
            {
                boolean = Read(ref reader) switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    var other => throw new JsonException($"Expected true or false for 'boolean' but found {other}."),
                };
            }
            else if (reader.ValueTextEquals(GateKeys.Actors))
            {
                actors = ReadStrings(ref reader, GateKeys.Actors);
            }
            else if (reader.ValueTextEquals(GateKeys.Groups))
            {
                groups = ReadStrings(ref reader, GateKeys.Groups);
            }
            else if (reader.ValueTextEquals(GateKeys.PercentageOfActors))
            {
                percentageOfActors = ReadPercentage(ref reader);
            }
            else if (reader.ValueTextEquals(GateKeys.PercentageOfTime))
            {
                percentageOfTime = ReadPercentage(ref reader);
            }
            else
            {
                Read(ref reader);
                reader.Skip();
            }
        }

        return FlagState.Create(boolean, actors, groups, percentageOfActors, percentageOfTime);
    }

    private static List<string> ReadStrings(ref Utf8JsonReader reader, string member)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<string>();
        while (Read(ref reader) != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"Expected strings in '{member}' but found {reader.TokenType}."));
        }

        return values;
    }

    private static Percentage ReadPercentage(ref Utf8JsonReader reader) =>
        Read(ref reader) switch
        {
            // Numbers are accepted too, so a state edited by hand or by another tool still loads.
            JsonTokenType.String => Percentage.Parse(reader.GetString()!),
            JsonTokenType.Number => Percentage.TryParse(reader.GetDouble(), out var parsed) is { } error ? throw new FormatException(error) : parsed,
            JsonTokenType.Null => Percentage.Zero,
            var other => throw new JsonException($"Expected a percentage string but found {other}."),
        };

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        var actual = Read(ref reader);
        if (actual != expected)
        {
            throw new JsonException($"Expected {expected} in a flag state but found {actual}.");
        }
    }

    private static JsonTokenType Read(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A flag state ended early.");
}
