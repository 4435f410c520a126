using System.Globalization;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>Reads samples out of Prometheus's text exposition format, enough for the tests' assertions.</summary>
public static class PrometheusText
{
    /// <summary>
    /// The value of the one sample named <paramref name="name"/> whose labels include every one of
    /// <paramref name="labels"/> (<c>name="value"</c> pairs); null when there is none.
    /// </summary>
    public static double? Value(string exposition, string name, params (string Name, string Value)[] labels)
    {
        var matches = Samples(exposition, name)
            .Where(sample => labels.All(label => sample.Labels.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count <= 1, $"More than one {name} sample has the labels {string.Join(", ", labels)}:\n{string.Join("\n", matches)}");
        return matches.Count == 0 ? null : matches[0].Value;
    }

    /// <summary>Every sample of a metric: its label text (<c>{...}</c>, or empty) and value.</summary>
    public static IEnumerable<(string Labels, double Value)> Samples(string exposition, string name)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue; // another metric whose name starts with this one
            }

            // The last brace: a label value may hold one (http_route="/api/v4/features/{**name}").
            var labelsEnd = rest[0] == '{' ? rest.LastIndexOf('}') + 1 : 0;
            var fields = rest[labelsEnd..].Trim().Split(' ');
            yield return (rest[..labelsEnd], double.Parse(fields[0], CultureInfo.InvariantCulture));
        }
    }
}
