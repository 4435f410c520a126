using System.Globalization;
using Vexil.Core.State;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// What one overview cell shows for a flag in an environment: a short text (<c>on</c>, <c>50% of actors</c>,
/// <c>3 actors</c>, <c>gitlab_team_members</c>, <c>off</c>, <c>default on</c>) and a state word the stylesheet colours
/// and the state filter matches.
/// </summary>
/// <param name="Text">The summary, e.g. <c>50% of actors, 2 actors</c>.</param>
/// <param name="State">One of <see cref="States"/>.</param>
public sealed record CellSummary(string Text, string State)
{
    /// <summary>The states a cell can be in, in the order the filter offers them.</summary>
    public static readonly IReadOnlyList<string> States = ["on", "partial", "off", "default-on", "default-off", "unset"];

    /// <summary>The cell of a flag whose stored state is <paramref name="state"/> (null: not stored in the environment).</summary>
    /// <param name="state">The stored state, or null.</param>
    /// <param name="defaultEnabled">The definition's <c>default_enabled</c>, or null without a definition.</param>
    public static CellSummary Of(FlagState? state, bool? defaultEnabled)
    {
        if (state is null)
        {
            return defaultEnabled switch
            {
                true => new("default on", "default-on"),
                false => new("default off", "default-off"),
                null => new("not set", "unset"),
            };
        }

        var optOuts = state.Actors.Count(actor => actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal));
        var actors = state.Actors.Count - optOuts;
        var parts = new List<string>(4);
        switch (state.Status)
        {
            case FlagStatus.On:
                parts.Add("on");
                break;
            case FlagStatus.Off:
                parts.Add("off");
                break;
            default:
                if (state.PercentageOfActors.IsEnabled)
                {
                    parts.Add($"{state.PercentageOfActors}% of actors");
                }

                if (state.PercentageOfTime.IsEnabled)
                {
                    parts.Add($"{state.PercentageOfTime}% of time");
                }

                if (actors > 0)
                {
                    parts.Add(Count(actors, "actor"));
                }

                // A group is named: "gitlab_team_members" says more than "1 group", and flags rarely have many.
                parts.AddRange(state.Groups);
                break;
        }

        if (optOuts > 0)
        {
            parts.Add(Count(optOuts, "opt-out"));
        }

        var word = state.Status switch
        {
            FlagStatus.On => "on",
            FlagStatus.Off => "off",
            _ => "partial",
        };
        return new(parts.Count == 0 ? word : string.Join(", ", parts), word);
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
