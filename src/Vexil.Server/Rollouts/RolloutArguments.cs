using System.Globalization;
using Vexil.Core.Gates;

namespace Vexil.Server.Rollouts;

/// <summary>The checks on a plan's arguments, shared by the command and the API, each failure one sentence saying what to do.</summary>
public static class RolloutArguments
{
    /// <summary>The seeds' production ladder: 1, 10, 25, 50, 75 and 100%.</summary>
    public static readonly IReadOnlyList<double> DefaultSteps = [1, 10, 25, 50, 75, 100];

    /// <summary>The seeds' wait between steps: at least 15 minutes.</summary>
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(15);

    /// <summary>The seeds' verification period after the global enable: one day.</summary>
    public static readonly TimeSpan DefaultVerify = TimeSpan.FromDays(1);

    /// <summary>The most steps a plan may have.</summary>
    public const int MaxSteps = 20;

    private const string Example = "e.g. --steps 1,10,25,50,75,100";

    /// <summary>Parses a comma list of percentages; null steps and the problem when it is not a rising ladder within (0, 100].</summary>
    public static (IReadOnlyList<double>? Steps, string? Problem) ParseSteps(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new List<double>();
        foreach (var item in items)
        {
            if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"Step '{item}' is not a percentage; list numbers above 0 and at most 100, {Example}.");
            }

            values.Add(value);
        }

        return Validate(values);
    }

    /// <summary>Checks a ladder: 1 to <see cref="MaxSteps"/> percentages, each above 0 and at most 100 (3 decimals), strictly rising.</summary>
    public static (IReadOnlyList<double>? Steps, string? Problem) Validate(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (null, $"A plan needs at least one step, {Example}.");
        }

        if (values.Count > MaxSteps)
        {
            return (null, $"A plan has at most {MaxSteps} steps; this one has {values.Count}.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var shown = value.ToString(CultureInfo.InvariantCulture);
            if (!(value > 0))
            {
                return (null, $"Step {shown} is not above 0; each step is a percentage above 0 and at most 100, {Example}.");
            }

            if (value > 100)
            {
                return (null, $"Step {shown} is above 100; each step is a percentage above 0 and at most 100, {Example}.");
            }

            if (Percentage.TryParse(value, out _) is { } problem)
            {
                return (null, $"Step {shown}: {problem}");
            }

            if (i > 0 && value <= values[i - 1])
            {
                return (null, $"Steps must rise: {shown} comes after {values[i - 1].ToString(CultureInfo.InvariantCulture)}; list them in increasing order, {Example}.");
            }
        }

        return (values, null);
    }

    /// <summary>A duration option (<c>--every</c>, <c>--verify</c>), or the sentence to fix it.</summary>
    public static (TimeSpan? Value, string? Problem) ParseDuration(string option, string text, bool allowZero)
    {
        var value = RolloutDuration.Parse(text, allowZero);
        return value is null
            ? (null, $"`--{option}` is '{text}', which is not a duration; write a whole number with s, m, h or d, e.g. 20s, 15m, 1h or 1d{(allowZero ? " (0s for none)" : string.Empty)}.")
            : (value, null);
    }
}
