using System.Globalization;
using System.Text;
using Vexil.Core.State;
using Vexil.Server.Storage;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// The flag page's rollout chart: for each environment, the share of actors the flag reached over time, drawn as an
/// inline SVG step line from the audit trail, each change a dot whose tooltip (<c>title</c>) names when, who and what.
/// Drawn on the server so it needs no script and no chart library. Actors and groups alone count as a sliver (1%), so a
/// production-actors step shows above zero.
/// </summary>
public static class RolloutChart
{
    private const int Width = 720;
    private const int Height = 200;
    private const int Left = 36;
    private const int Right = 110;
    private const int Top = 10;
    private const int Bottom = 24;

    /// <summary>The share of actors a state reaches, 0 to 100.</summary>
    public static double Share(FlagState? state) => state switch
    {
        null => 0,
        { Status: FlagStatus.On } => 100,
        { Status: FlagStatus.Off } => 0,
        _ => Math.Max(Math.Max(state.PercentageOfActors.Value, state.PercentageOfTime.Value), 1),
    };

    /// <summary>The SVG markup (already encoded), or an empty string when there are no changes to draw.</summary>
    /// <param name="changes">The flag's accepted changes, any order.</param>
    /// <param name="environments">The environments to draw, in order.</param>
    /// <param name="now">The right edge of the chart.</param>
    public static string Render(IReadOnlyList<AuditEvent> changes, IReadOnlyList<string> environments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(environments);
        if (changes.Count == 0)
        {
            return string.Empty;
        }

        var start = changes.Min(change => change.OccurredAt);
        var span = Math.Max((now - start).TotalSeconds, 1);
        double X(DateTimeOffset at) => Left + ((at - start).TotalSeconds / span * (Width - Left - Right));
        double Y(double share) => Top + ((100 - share) / 100 * (Height - Top - Bottom));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"chart-title\">");
        svg.Append("<title id=\"chart-title\">Share of actors reached over time, per environment</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Y(0):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(0):0.#}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Y(100):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(100):0.#}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{Y(100) + 4:0.#}\">100%</text><text x=\"12\" y=\"{Y(0) + 4:0.#}\">0%</text>");
        for (var i = 0; i < environments.Count; i++)
        {
            var environment = environments[i];
            var points = changes.Where(change => change.Environment == environment).OrderBy(change => change.Sequence).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var path = new StringBuilder();
            var share = Share(points[0].Before);
            path.Append(CultureInfo.InvariantCulture, $"M{X(points[0].OccurredAt):0.#},{Y(share):0.#}");
            var dots = new StringBuilder();
            foreach (var change in points)
            {
                var x = X(change.OccurredAt);
                path.Append(CultureInfo.InvariantCulture, $" H{x:0.#}");
                share = Share(change.After);
                path.Append(CultureInfo.InvariantCulture, $" V{Y(share):0.#}");
                var tip = $"{change.OccurredAt:yyyy-MM-dd HH:mm} UTC, {change.User}: {change.Title ?? change.Action} ({share.ToString("0.###", CultureInfo.InvariantCulture)}%)";
                dots.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{Y(share):0.#}\" r=\"4\"><title>{System.Net.WebUtility.HtmlEncode(environment + ": " + tip)}</title></circle>");
            }

            path.Append(CultureInfo.InvariantCulture, $" H{Width - Right}");
            var series = i % 6;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series s{series}\"><path d=\"{path}\"/>{dots}");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 6}\" y=\"{Y(share) + 4 + (i * 2):0.#}\">{System.Net.WebUtility.HtmlEncode(environment)}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }
}
