using System.Text;
using System.Text.Json;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Definitions;
using Vexil.Server.Api.GitLab;

namespace Vexil.Server.Api.Transfer;

/// <summary>
/// Writes an environment's stored flags as an import file: GitLab's feature list (the same writer as
/// <c>GET /api/v4/features</c>) or Flipper's export JSON version 1, so <see cref="FlagFileReader"/> reads back exactly the
/// same states.
/// </summary>
public static class FlagFileWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>The stored flags of <paramref name="snapshot"/> in <paramref name="format"/>, by name.</summary>
    public static string Write(string format, FlagSnapshot snapshot, DefinitionCatalog definitions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var flags = snapshot.Flags.Where(flag => flag.State is not null).OrderBy(flag => flag.Name, StringComparer.Ordinal).ToArray();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            if (format == FlagFileFormats.GitLab)
            {
                writer.WriteStartArray();
                foreach (var flag in flags)
                {
                    GitLabFeatureJson.WriteFeature(writer, flag.Name, flag.State!, definitions);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", 1);
                writer.WriteStartObject("features");
                foreach (var flag in flags)
                {
                    WriteFlipperFeature(writer, flag.Name, flag.State!);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // As Flipper's adapters return gate values (get_all): "true" or nil, arrays of strings, percentages as strings or nil.
    private static void WriteFlipperFeature(Utf8JsonWriter writer, string name, FlagState state)
    {
        writer.WriteStartObject(name);
        if (state.Boolean)
        {
            writer.WriteString("boolean", "true");
        }
        else
        {
            writer.WriteNull("boolean");
        }

        writer.WriteStartArray("groups");
        foreach (var group in state.Groups)
        {
            writer.WriteStringValue(group);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("actors");
        foreach (var actor in state.Actors)
        {
            writer.WriteStringValue(actor);
        }

        writer.WriteEndArray();
        WritePercentage(writer, "percentage_of_actors", state.PercentageOfActors);
        WritePercentage(writer, "percentage_of_time", state.PercentageOfTime);
        writer.WriteEndObject();
    }

    private static void WritePercentage(Utf8JsonWriter writer, string key, Percentage percentage)
    {
        if (percentage.IsEnabled)
        {
            writer.WriteString(key, percentage.ToString());
        }
        else
        {
            writer.WriteNull(key);
        }
    }
}
