using Vexil.Core.State;

namespace Vexil.Server.Dashboard.Views;

/// <summary>A flag's gates in one environment, in sentences a person reads without knowing Flipper.</summary>
public static class GateDescription
{
    /// <summary>The sentences for <paramref name="state"/> (null: not stored, the default applies).</summary>
    public static IReadOnlyList<string> Of(FlagState? state, bool? defaultEnabled, string environment)
    {
        if (state is null)
        {
            return defaultEnabled is { } enabled
                ? [$"Not set on {environment}: the definition's default_enabled ({(enabled ? "true" : "false")}) applies, so it is {(enabled ? "on" : "off")} for everyone."]
                : [$"Not set on {environment}, and no definition: it is off for everyone."];
        }

        var lines = new List<string>();
        if (state.Status == FlagStatus.On)
        {
            lines.Add(state.Boolean ? "On for everyone." : "On for everyone (100% of time).");
        }
        else if (state.Status == FlagStatus.Off)
        {
            lines.Add("Off for everyone.");
        }
        else
        {
            lines.Add("On for some:");
            if (state.PercentageOfActors.IsEnabled)
            {
                lines.Add($"{state.PercentageOfActors}% of actors (the same actors each time).");
            }

            if (state.PercentageOfTime.IsEnabled)
            {
                lines.Add($"{state.PercentageOfTime}% of checks, at random (deprecated).");
            }

            var actors = state.Actors.Where(actor => !actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal)).ToList();
            if (actors.Count > 0)
            {
                lines.Add($"The actors {string.Join(", ", actors)}.");
            }

            if (state.Groups.Count > 0)
            {
                lines.Add($"Members of {string.Join(", ", state.Groups)}.");
            }
        }

        var optOuts = state.Actors.Where(actor => actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal))
            .Select(actor => actor[..^FlagState.OptOutSuffix.Length]).ToList();
        if (optOuts.Count > 0)
        {
            lines.Add($"Never for {string.Join(", ", optOuts)} (opted out).");
        }

        return lines;
    }
}
