using Vexil.Server.Definitions;

namespace Vexil.Server.Rollouts.Checklist;

/// <summary>A flag's rollout checklist: every item with its state and evidence, plus the definition it was read against.</summary>
/// <param name="Flag">The flag.</param>
/// <param name="Items">The items, in the order the seeds' rollout issue lists them.</param>
/// <param name="ActivePlans">The flag's active rollout plans.</param>
public sealed record FlagChecklistView(string Flag, IReadOnlyList<ChecklistItem> Items, IReadOnlyList<RolloutPlan> ActivePlans)
{
    /// <summary>The definition, when one is loaded; not part of the JSON answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public FlagDefinition? Definition { get; init; }

    /// <summary>One item by key.</summary>
    public ChecklistItem this[string key] => Items.First(item => item.Key == key);
}
