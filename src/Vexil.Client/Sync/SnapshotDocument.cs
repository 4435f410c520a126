using System.Buffers;
using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.State;

namespace Vexil.Client.Sync;

/// <summary>
/// The server's snapshot of one environment (<c>GET /api/v1/environments/{env}/snapshot</c>), as received, kept and
/// saved to <see cref="VexilClientOptions.SnapshotPath"/>. The sync loop owns it and changes it in place; evaluations
/// never read it (they read the compiled table built from it).
/// </summary>
internal sealed class SnapshotDocument
{
    public string Environment { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public string? ETag { get; set; }

    /// <summary>The environment name the application configured (maybe an alias), recorded in the saved file.</summary>
    public string? ConfiguredEnvironment { get; set; }

    public Dictionary<string, FlagState> Flags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, bool> Defaults { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads a snapshot; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not one.</summary>
    public static SnapshotDocument Parse(ReadOnlySpan<byte> utf8Json, string? etag)
    {
        using var json = JsonDocument.Parse(utf8Json.ToArray());
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A snapshot must be a JSON object.");
        }

        var document = new SnapshotDocument
        {
            Environment = root.TryGetProperty("environment", out var environment) && environment.ValueKind == JsonValueKind.String
                ? environment.GetString()!
                : throw new JsonException("A snapshot has no 'environment'."),
            Sequence = root.TryGetProperty("sequence", out var sequence) && sequence.ValueKind == JsonValueKind.Number
                ? sequence.GetInt64()
                : throw new JsonException("A snapshot has no 'sequence'."),
            ETag = etag ?? (root.TryGetProperty("etag", out var saved) && saved.ValueKind == JsonValueKind.String ? saved.GetString() : null),
            ConfiguredEnvironment = root.TryGetProperty("configured_environment", out var configured) && configured.ValueKind == JsonValueKind.String ? configured.GetString() : null,
        };

        if (root.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Object)
        {
            foreach (var flag in flags.EnumerateObject())
            {
                document.Flags[flag.Name] = ReadState(flag.Value);
            }
        }

        if (root.TryGetProperty("defaults", out var defaults) && defaults.ValueKind == JsonValueKind.Object)
        {
            foreach (var flag in defaults.EnumerateObject())
            {
                document.Defaults[flag.Name] = flag.Value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    var other => throw new JsonException($"Default of '{flag.Name}' is {other}, not true or false."),
                };
            }
        }

        if (root.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Object)
        {
            foreach (var group in groups.EnumerateObject())
            {
                document.Groups[group.Name] = ReadStrings(group.Value, group.Name);
            }
        }

        return document;
    }

    /// <summary>Reads one flag state in the stored flag-state form (percentages as strings; numbers accepted too).</summary>
    public static FlagState ReadState(JsonElement state)
    {
        if (state.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A flag state must be an object, not {state.ValueKind}.");
        }

        var boolean = state.TryGetProperty(GateKeys.Boolean, out var b) && b.ValueKind == JsonValueKind.True;
        var actors = state.TryGetProperty(GateKeys.Actors, out var a) ? ReadStrings(a, GateKeys.Actors) : [];
        var groups = state.TryGetProperty(GateKeys.Groups, out var g) ? ReadStrings(g, GateKeys.Groups) : [];
        return FlagState.Create(boolean, actors, groups, ReadPercentage(state, GateKeys.PercentageOfActors), ReadPercentage(state, GateKeys.PercentageOfTime));
    }

    /// <summary>Writes the snapshot (with its ETag) in the server's form, for the snapshot file.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (Flags.Count * 96));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("environment", Environment);
            writer.WriteNumber("sequence", Sequence);
            if (ConfiguredEnvironment is not null)
            {
                writer.WriteString("configured_environment", ConfiguredEnvironment);
            }

            if (ETag is not null)
            {
                writer.WriteString("etag", ETag);
            }

            writer.WriteStartObject("flags");
            foreach (var (name, state) in Flags)
            {
                writer.WritePropertyName(name);
                WriteState(writer, state);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("defaults");
            foreach (var (name, enabled) in Defaults)
            {
                writer.WriteBoolean(name, enabled);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("groups");
            foreach (var (name, members) in Groups)
            {
                writer.WriteStartArray(name);
                foreach (var member in members)
                {
                    writer.WriteStringValue(member);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteState(Utf8JsonWriter writer, FlagState state)
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

    private static string[] ReadStrings(JsonElement array, string member)
    {
        if (array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"'{member}' must be an array of strings, not {array.ValueKind}.");
        }

        var values = new string[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[index++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new JsonException($"'{member}' must hold strings only, not {item.ValueKind}.");
        }

        return values;
    }

    private static Percentage ReadPercentage(JsonElement state, string member)
    {
        if (!state.TryGetProperty(member, out var value))
        {
            return Percentage.Zero;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Percentage.Parse(value.GetString()!),
            JsonValueKind.Number => Percentage.TryParse(value.GetDouble(), out var parsed) is { } error ? throw new FormatException(error) : parsed,
            JsonValueKind.Null => Percentage.Zero,
            var other => throw new JsonException($"'{member}' must be a percentage string, not {other}."),
        };
    }
}
