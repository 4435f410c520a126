using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Core.Gates;

namespace Vexil.Server.Commands.Results;

/// <summary>Builds <see cref="FlagSummary"/> values the way GitLab's ChatOps lays out a flag's attachment.</summary>
public static class FlagSummaries
{
    /// <summary>A stored state: Name, State, "Enabled Globally", then "Scoped to", groups and percentages when set.</summary>
    public static FlagSummary Of(string name, FlagState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var enabled = state.Status != FlagStatus.Off;
        var fields = new List<SummaryField>
        {
            new("Name", name),
            new("State", enabled ? "Enabled" : "Disabled", Literal: false),
        };
        fields.AddRange(GateFields(state));
        return new FlagSummary(name, enabled, fields);
    }

    /// <summary>A flag with a definition but no stored state in <paramref name="environment"/>: it answers its <c>default_enabled</c>.</summary>
    public static FlagSummary OfDefault(string name, bool defaultEnabled, string environment) =>
        new(name, defaultEnabled,
        [
            new("Name", name),
            new("State", defaultEnabled ? "Enabled" : "Disabled", Literal: false),
            new("Default", $"not set on {environment}; the definition's default_enabled ({(defaultEnabled ? "true" : "false")}) applies", Literal: false),
        ]);

    /// <summary>
    /// The summary with the definition's group and rollout issue appended (for <c>feature get</c>), and, when the
    /// flag's file is invalid, a "Definition error" field saying so.
    /// </summary>
    public static FlagSummary WithDefinition(FlagSummary summary, FlagDefinition? definition, IReadOnlyList<DefinitionError>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (definition is null && problems is not { Count: > 0 })
        {
            return summary;
        }

        var fields = summary.Fields.ToList();
        if (definition is not null)
        {
            fields.Add(new SummaryField("Group", definition.Group, Literal: false));
            if (definition.RolloutIssueUrl is { Length: > 0 } rollout)
            {
                fields.Add(new SummaryField("Rollout issue", rollout, Literal: false));
            }
        }

        if (problems is { Count: > 0 })
        {
            fields.Add(new SummaryField("Definition error", DefinitionProblem(problems, lastGoodInUse: definition is not null), Literal: false));
        }

        return summary with { Fields = fields };
    }

    /// <summary>
    /// One sentence about a flag's invalid definition file, followed by the loader's messages: what <c>feature get</c>,
    /// the native API and chat show until the file is fixed.
    /// </summary>
    public static string DefinitionProblem(IReadOnlyList<DefinitionError> problems, bool lastGoodInUse)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var lead = lastGoodInUse
            ? "The definition file is invalid, so the last good definition is in use until it is fixed:"
            : "The definition file is invalid:";
        return $"{lead} {string.Join(" ", problems.Select(problem => problem.Message))}";
    }

    /// <summary>The gate fields of a state: "Enabled Globally" always, the others when set (GitLab's titles and raw keys).</summary>
    public static IReadOnlyList<SummaryField> GateFields(FlagState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fields = new List<SummaryField> { new("Enabled Globally", state.Boolean ? "true" : "false") };
        if (state.Actors.Count > 0)
        {
            fields.Add(new SummaryField("Scoped to", string.Join(", ", state.Actors)));
        }

        if (state.Groups.Count > 0)
        {
            fields.Add(new SummaryField(GateKeys.Groups, string.Join(", ", state.Groups)));
        }

        if (state.PercentageOfActors.IsEnabled)
        {
            fields.Add(new SummaryField(GateKeys.PercentageOfActors, state.PercentageOfActors.ToString()));
        }

        if (state.PercentageOfTime.IsEnabled)
        {
            fields.Add(new SummaryField(GateKeys.PercentageOfTime, state.PercentageOfTime.ToString()));
        }

        return fields;
    }

    /// <summary>A conditional flag's gates in a few words for <c>feature list</c>; null for flags that are simply on or off.</summary>
    public static string? ListDetail(FlagState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != FlagStatus.Conditional)
        {
            return null;
        }

        var parts = new List<string>();
        if (state.Actors.Count > 0)
        {
            parts.Add($"Scoped to: {string.Join(", ", state.Actors)}");
        }

        if (state.Groups.Count > 0)
        {
            parts.Add($"groups: {string.Join(", ", state.Groups)}");
        }

        if (state.PercentageOfActors.IsEnabled)
        {
            parts.Add($"Percentage of actors: {state.PercentageOfActors}%");
        }

        if (state.PercentageOfTime.IsEnabled)
        {
            parts.Add($"Percentage of time: {state.PercentageOfTime}%");
        }

        return string.Join("; ", parts);
    }
}
