using System.Globalization;
using Vexil.Cli.Api;

namespace Vexil.Cli.Output;

/// <summary>How values read in tables and sentences: times in UTC, environment lists, gate summaries.</summary>
internal static class Display
{
    /// <summary>A time in UTC to the minute; a dash for none.</summary>
    public static string When(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "-";

    /// <summary>An environment list; <paramref name="whenEmpty"/> when it is empty.</summary>
    public static string Environments(IReadOnlyList<string>? environments, string whenEmpty = "all") =>
        environments is { Count: > 0 } ? string.Join(", ", environments) : whenEmpty;

    /// <summary>What a flag's gates let through, in a few words: "on", "50% of actors, User:1", "off", "deleted".</summary>
    public static string Gates(GateValues? gates)
    {
        if (gates is null)
        {
            return "deleted";
        }

        if (gates.Boolean)
        {
            return "on";
        }

        var parts = new List<string>();
        if (gates.PercentageOfActors > 0)
        {
            parts.Add($"{Number(gates.PercentageOfActors)}% of actors");
        }

        if (gates.PercentageOfTime > 0)
        {
            parts.Add($"{Number(gates.PercentageOfTime)}% of time");
        }

        parts.AddRange(gates.Groups ?? []);
        parts.AddRange(gates.Actors ?? []);
        return parts.Count == 0 ? "off" : string.Join(", ", parts);
    }

    /// <summary>A percentage as people write it: <c>50</c>, <c>0.5</c>, never <c>50.000</c>.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
