using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Definitions;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// Writes GitLab's feature JSON (<c>API::Entities::Feature</c>): <c>{name, state, gates: [{key, value}], definition}</c>.
/// Gates come in Flipper's order (boolean, actors, percentage_of_actors, percentage_of_time, groups); the boolean gate
/// is always present and the others only when set, as GitLab omits zero and empty values. Everything is written
/// straight from a snapshot with a <see cref="Utf8JsonWriter"/>: no intermediate objects, no database.
/// </summary>
public static class GitLabFeatureJson
{
    /// <summary>How many features the list writes between flushes to the response, so a big list streams.</summary>
    private const int FlushEvery = 512;

    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText StateProperty = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText GatesProperty = JsonEncodedText.Encode("gates");
    private static readonly JsonEncodedText DefinitionProperty = JsonEncodedText.Encode("definition");
    private static readonly JsonEncodedText KeyProperty = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText BooleanKey = JsonEncodedText.Encode(GateKeys.Boolean);
    private static readonly JsonEncodedText ActorsKey = JsonEncodedText.Encode(GateKeys.Actors);
    private static readonly JsonEncodedText GroupsKey = JsonEncodedText.Encode(GateKeys.Groups);
    private static readonly JsonEncodedText PercentageOfActorsKey = JsonEncodedText.Encode(GateKeys.PercentageOfActors);
    private static readonly JsonEncodedText PercentageOfTimeKey = JsonEncodedText.Encode(GateKeys.PercentageOfTime);
    private static readonly JsonEncodedText On = JsonEncodedText.Encode("on");
    private static readonly JsonEncodedText Off = JsonEncodedText.Encode("off");
    private static readonly JsonEncodedText Conditional = JsonEncodedText.Encode("conditional");

    /// <summary>
    /// Writer options for every GitLab response. Relaxed escaping keeps quotes and non-ASCII text readable (the body is
    /// JSON, never HTML); control characters, quotes and backslashes are still escaped.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The persisted flags of a snapshot (defined-only flags are not features yet), sorted by name (ordinal).</summary>
    public static CompiledFlag[] PersistedByName(FlagSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var flags = new List<CompiledFlag>(snapshot.Count);
        foreach (var flag in snapshot.Flags)
        {
            if (flag.IsPersisted)
            {
                flags.Add(flag);
            }
        }

        var sorted = flags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return sorted;
    }

    /// <summary>Streams the feature list to a response body, flushing every few hundred features.</summary>
    public static async Task WriteFeatureListAsync(PipeWriter body, FlagSnapshot snapshot, DefinitionCatalog definitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(definitions);
        var flags = PersistedByName(snapshot);
        await using var writer = new Utf8JsonWriter(body, WriterOptions);
        writer.WriteStartArray();
        for (var i = 0; i < flags.Length; i++)
        {
            WriteFeature(writer, flags[i].Name, flags[i].State!, definitions);
            if ((i + 1) % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one feature: its name, Flipper state, non-empty gates and definition (or null).</summary>
    public static void WriteFeature(Utf8JsonWriter writer, string name, FlagState state, DefinitionCatalog definitions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(definitions);
        writer.WriteStartObject();
        writer.WriteString(NameProperty, name);
        writer.WriteString(StateProperty, state.Status switch
        {
            FlagStatus.On => On,
            FlagStatus.Conditional => Conditional,
            _ => Off,
        });
        writer.WritePropertyName(GatesProperty);
        WriteGates(writer, state);
        writer.WritePropertyName(DefinitionProperty);
        WriteDefinition(writer, definitions.TryGet(name, out var definition) ? definition : null);
        writer.WriteEndObject();
    }

    /// <summary>Writes the answer of <c>GET /api/v4/features/definitions</c>: every loaded definition, sorted by name.</summary>
    public static void WriteDefinitions(Utf8JsonWriter writer, DefinitionCatalog definitions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(definitions);
        writer.WriteStartArray();
        foreach (var definition in definitions.Definitions)
        {
            WriteDefinition(writer, definition);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a definition's YAML fields in GitLab's order, or null.</summary>
    public static void WriteDefinition(Utf8JsonWriter writer, FlagDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (definition is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (field, value) in definition.Fields)
        {
            switch (value)
            {
                case null:
                    writer.WriteNull(field);
                    break;
                case bool flag:
                    writer.WriteBoolean(field, flag);
                    break;
                default:
                    writer.WriteString(field, value.ToString());
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteGates(Utf8JsonWriter writer, FlagState state)
    {
        writer.WriteStartArray();

        writer.WriteStartObject();
        writer.WriteString(KeyProperty, BooleanKey);
        writer.WriteBoolean(ValueProperty, state.Boolean);
        writer.WriteEndObject();

        if (state.Actors.Count > 0)
        {
            WriteSetGate(writer, ActorsKey, state.Actors);
        }

        if (state.PercentageOfActors.IsEnabled)
        {
            WritePercentageGate(writer, PercentageOfActorsKey, state.PercentageOfActors);
        }

        if (state.PercentageOfTime.IsEnabled)
        {
            WritePercentageGate(writer, PercentageOfTimeKey, state.PercentageOfTime);
        }

        if (state.Groups.Count > 0)
        {
            WriteSetGate(writer, GroupsKey, state.Groups);
        }

        writer.WriteEndArray();
    }

    private static void WriteSetGate(Utf8JsonWriter writer, JsonEncodedText key, IEnumerable<string> members)
    {
        writer.WriteStartObject();
        writer.WriteString(KeyProperty, key);
        writer.WriteStartArray(ValueProperty);
        foreach (var member in members)
        {
            writer.WriteStringValue(member);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePercentageGate(Utf8JsonWriter writer, JsonEncodedText key, Percentage percentage)
    {
        writer.WriteStartObject();
        writer.WriteString(KeyProperty, key);
        writer.WritePropertyName(ValueProperty);

        // Flipper stores "25" or "0.5" and GitLab returns them as numbers; Percentage's text is exactly that number.
        if (percentage.Thousandths % 1000 == 0)
        {
            writer.WriteNumberValue(percentage.Thousandths / 1000);
        }
        else
        {
            writer.WriteRawValue(percentage.ToString(), skipInputValidation: true);
        }

        writer.WriteEndObject();
    }
}
