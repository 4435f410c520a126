using System.Text.Json;

namespace Vexil.Server.Evaluations.Api;

/// <summary>
/// A parsed <c>POST /api/v1/metrics</c> body:
/// <c>{"environment":"production","flags":{"x":{"true":10,"false":3}},"window_start":"...","window_end":"..."}</c>.
/// Parsed by hand rather than bound, so that every mistake (an unknown member, a negative count, a string where a number
/// belongs) gets its own sentence instead of a generic binding error.
/// </summary>
/// <param name="Environment">The environment as sent (a name or an alias).</param>
/// <param name="Flags">The counts per flag, in the order sent.</param>
/// <param name="WindowStart">When the counted window began, if sent.</param>
/// <param name="WindowEnd">When it ended, if sent.</param>
public sealed record EvaluationReport(string Environment, IReadOnlyList<EvaluationCountIncrement> Flags, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd)
{
    /// <summary>The most flags one report may carry (the SDK sends at most 300 per request).</summary>
    public const int MaxFlags = 1000;

    /// <summary>The largest count one report may carry for one answer of one flag.</summary>
    public const long MaxCount = 1_000_000_000_000;

    /// <summary>Reads a body; returns null and a sentence saying what is wrong when it is not a valid report.</summary>
    public static EvaluationReport? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement, out error);
        }
        catch (JsonException exception)
        {
            error = $"The body is not valid JSON ({exception.Message}); send {{\"environment\":\"...\",\"flags\":{{\"flag\":{{\"true\":1,\"false\":0}}}}}}.";
            return null;
        }
    }

    private static EvaluationReport? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The body must be a JSON object with 'environment' and 'flags'.";
            return null;
        }

        string? environment = null;
        List<EvaluationCountIncrement>? flags = null;
        DateTimeOffset? start = null, end = null;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "environment":
                    environment = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                    if (string.IsNullOrWhiteSpace(environment))
                    {
                        error = "'environment' must be a non-empty string naming the environment the counts come from.";
                        return null;
                    }

                    break;
                case "flags":
                    flags = ReadFlags(member.Value, out error);
                    if (flags is null)
                    {
                        return null;
                    }

                    break;
                case "window_start":
                    if (!TryReadTime(member, out start, out error))
                    {
                        return null;
                    }

                    break;
                case "window_end":
                    if (!TryReadTime(member, out end, out error))
                    {
                        return null;
                    }

                    break;
                default:
                    error = $"Unknown member '{member.Name}'; a report has environment, flags, window_start and window_end.";
                    return null;
            }
        }

        if (environment is null)
        {
            error = "'environment' is required: name the environment the counts come from.";
            return null;
        }

        if (flags is null)
        {
            error = "'flags' is required: an object of {\"true\": n, \"false\": n} per flag.";
            return null;
        }

        if (start is { } from && end is { } to && from > to)
        {
            error = $"window_start ({from:O}) is after window_end ({to:O}); send the window in order.";
            return null;
        }

        return new EvaluationReport(environment, flags, start, end);
    }

    private static List<EvaluationCountIncrement>? ReadFlags(JsonElement flags, out string? error)
    {
        error = null;
        if (flags.ValueKind != JsonValueKind.Object)
        {
            error = "'flags' must be an object of {\"true\": n, \"false\": n} per flag.";
            return null;
        }

        var increments = new List<EvaluationCountIncrement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flag in flags.EnumerateObject())
        {
            if (increments.Count == MaxFlags)
            {
                error = $"'flags' has more than {MaxFlags} flags; send at most {MaxFlags} per report.";
                return null;
            }

            if (Core.Naming.FlagName.Validate(flag.Name) is { } invalid)
            {
                error = $"'flags' names '{Shorten(flag.Name)}': {invalid}";
                return null;
            }

            if (!seen.Add(flag.Name))
            {
                error = $"'flags' names '{flag.Name}' twice; send each flag once.";
                return null;
            }

            if (flag.Value.ValueKind != JsonValueKind.Object)
            {
                error = $"The counts of '{flag.Name}' must be an object {{\"true\": n, \"false\": n}}.";
                return null;
            }

            long trueCount = 0, falseCount = 0;
            foreach (var count in flag.Value.EnumerateObject())
            {
                if (count.Name is not ("true" or "false"))
                {
                    error = $"The counts of '{flag.Name}' have an unknown member '{Shorten(count.Name)}'; use \"true\" and \"false\".";
                    return null;
                }

                if (count.Value.ValueKind != JsonValueKind.Number || !count.Value.TryGetInt64(out var value) || value is < 0 or > MaxCount)
                {
                    error = $"The {count.Name} count of '{flag.Name}' must be a whole number from 0 to {MaxCount}.";
                    return null;
                }

                if (count.Name == "true")
                {
                    trueCount = value;
                }
                else
                {
                    falseCount = value;
                }
            }

            increments.Add(new EvaluationCountIncrement(flag.Name, trueCount, falseCount));
        }

        return increments;
    }

    private static bool TryReadTime(JsonProperty member, out DateTimeOffset? time, out string? error)
    {
        error = null;
        time = null;
        if (member.Value.ValueKind == JsonValueKind.String && member.Value.TryGetDateTimeOffset(out var parsed))
        {
            time = parsed.ToUniversalTime();
            return true;
        }

        error = $"'{member.Name}' must be an ISO 8601 time such as 2026-01-31T12:00:00Z.";
        return false;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
