using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.Naming;
using Vexil.Core.State;

namespace Vexil.Server.Api.Transfer;

/// <summary>
/// Reads an import file in full before anything is written: a file that is not JSON is refused naming the line, and a
/// value that breaks the format is refused naming its key (<c>features.search.percentage_of_actors</c>, <c>[3].gates[1].value</c>).
/// </summary>
public static class FlagFileReader
{
    private const string Boolean = "boolean";
    private const string Actors = "actors";
    private const string Groups = "groups";
    private const string PercentageOfActors = "percentage_of_actors";
    private const string PercentageOfTime = "percentage_of_time";

    /// <summary>Reads <paramref name="content"/> as <paramref name="format"/>; returns the flags, or null and the problem.</summary>
    public static IReadOnlyList<ImportedFlag>? Read(string format, string content, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException exception)
        {
            problem = $"The file is not valid JSON at line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}: fix it and import again.";
            return null;
        }

        using (document)
        {
            try
            {
                return format switch
                {
                    FlagFileFormats.GitLab => ReadGitLab(document.RootElement),
                    FlagFileFormats.Flipper => ReadFlipper(document.RootElement),
                    _ => throw new FormatException($"Unknown format '{format}': use {string.Join(" or ", FlagFileFormats.All)}."),
                };
            }
            catch (FormatException exception)
            {
                problem = exception.Message;
                return null;
            }
        }
    }

    private static List<ImportedFlag> ReadGitLab(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"The file must be a JSON array of features, as GitLab's GET /api/v4/features returns, not {Describe(root)}.");
        }

        var flags = new List<ImportedFlag>();
        var index = 0;
        foreach (var feature in root.EnumerateArray())
        {
            var at = $"[{index++}]";
            if (feature.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{at} must be an object with name and gates, not {Describe(feature)}.");
            }

            var name = Name(feature, "name", at);
            if (!feature.TryGetProperty("gates", out var gates) || gates.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{at}.gates is missing or not an array; each feature lists its gates as [{{\"key\": ..., \"value\": ...}}].");
            }

            var gateValues = new Dictionary<string, (JsonElement Value, string Key)>(StringComparer.Ordinal);
            var gateIndex = 0;
            foreach (var gate in gates.EnumerateArray())
            {
                var gateAt = $"{at}.gates[{gateIndex++}]";
                if (gate.ValueKind != JsonValueKind.Object || !gate.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"{gateAt} must be an object with a string key.");
                }

                if (!gate.TryGetProperty("value", out var value))
                {
                    throw new FormatException($"{gateAt}.value is missing.");
                }

                gateValues[key.GetString()!] = (value, gateAt + ".value");
            }

            flags.Add(new ImportedFlag(name, Build(gateValues, name)));
        }

        return flags;
    }

    private static List<ImportedFlag> ReadFlipper(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The file must be Flipper's export, a JSON object with version and features, not {Describe(root)}.");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1")
        {
            throw new FormatException("version must be 1: this reads Flipper's export format JSON version 1 (Flipper.export).");
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("features is missing or not an object of feature names to gate values.");
        }

        var flags = new List<ImportedFlag>();
        foreach (var feature in features.EnumerateObject())
        {
            var at = $"features.{feature.Name}";
            if (FlagName.Validate(feature.Name) is { } nameProblem)
            {
                throw new FormatException($"{at}: {nameProblem}");
            }

            if (feature.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{at} must be an object of gate values, not {Describe(feature.Value)}.");
            }

            var gateValues = feature.Value.EnumerateObject()
                .Where(gate => gate.Name != "expression" || gate.Value.ValueKind == JsonValueKind.Null || Unsupported($"{at}.expression"))
                .ToDictionary(gate => gate.Name, gate => (gate.Value, $"{at}.{gate.Name}"), StringComparer.Ordinal);
            gateValues.Remove("expression");
            flags.Add(new ImportedFlag(feature.Name, Build(gateValues, feature.Name)));
        }

        return flags;
    }

    private static bool Unsupported(string at) =>
        throw new FormatException($"{at}: Flipper expressions have no equivalent in Vexil's gates; remove the expression from the feature before importing it.");

    private static FlagState Build(Dictionary<string, (JsonElement Value, string Key)> gates, string flag)
    {
        foreach (var key in gates.Keys)
        {
            if (key is not (Boolean or Actors or Groups or PercentageOfActors or PercentageOfTime))
            {
                throw new FormatException($"{gates[key].Key}: unknown gate '{key}' of {flag}; the gates are {Boolean}, {Actors}, {Groups}, {PercentageOfActors}, {PercentageOfTime}.");
            }
        }

        return FlagState.Create(
            ReadBoolean(gates),
            ReadSet(gates, Actors),
            ReadSet(gates, Groups),
            ReadPercentage(gates, PercentageOfActors),
            ReadPercentage(gates, PercentageOfTime));
    }

    // GitLab writes true/false; Flipper's adapters keep "true" or nil.
    private static bool ReadBoolean(Dictionary<string, (JsonElement Value, string Key)> gates)
    {
        if (!gates.TryGetValue(Boolean, out var gate))
        {
            return false;
        }

        return gate.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String when gate.Value.GetString() is "true" => true,
            JsonValueKind.String when gate.Value.GetString() is "false" or "" => false,
            _ => throw new FormatException($"{gate.Key} must be true, false, \"true\" or null, not {Describe(gate.Value)}."),
        };
    }

    private static List<string> ReadSet(Dictionary<string, (JsonElement Value, string Key)> gates, string name)
    {
        if (!gates.TryGetValue(name, out var gate) || gate.Value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (gate.Value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{gate.Key} must be an array of strings, not {Describe(gate.Value)}.");
        }

        var members = new List<string>();
        var i = 0;
        foreach (var member in gate.Value.EnumerateArray())
        {
            if (member.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(member.GetString()))
            {
                throw new FormatException($"{gate.Key}[{i}] must be a non-empty string, not {Describe(member)}.");
            }

            members.Add(member.GetString()!);
            i++;
        }

        return members;
    }

    // GitLab writes numbers (25, 0.5); Flipper's adapters keep strings ("25") or nil.
    private static Percentage ReadPercentage(Dictionary<string, (JsonElement Value, string Key)> gates, string name)
    {
        if (!gates.TryGetValue(name, out var gate) || gate.Value.ValueKind == JsonValueKind.Null)
        {
            return Percentage.Zero;
        }

        var text = gate.Value.ValueKind switch
        {
            JsonValueKind.Number => gate.Value.GetRawText(),
            JsonValueKind.String => gate.Value.GetString()!,
            _ => throw new FormatException($"{gate.Key} must be a number from 0 to 100, not {Describe(gate.Value)}."),
        };
        if (text.Length == 0)
        {
            return Percentage.Zero;
        }

        if (Percentage.TryParse(text, out var percentage) is { } problem)
        {
            throw new FormatException($"{gate.Key}: {problem}");
        }

        return percentage;
    }

    private static string Name(JsonElement feature, string property, string at)
    {
        if (!feature.TryGetProperty(property, out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{at}.{property} is missing or not a string.");
        }

        var text = name.GetString()!;
        if (FlagName.Validate(text) is { } problem)
        {
            throw new FormatException($"{at}.{property}: {problem}");
        }

        return text;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {value.GetRawText()}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
