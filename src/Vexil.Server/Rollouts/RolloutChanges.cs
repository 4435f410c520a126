using System.Globalization;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Rollouts;
using Vexil.Server.Storage;

namespace Vexil.Server.Rollouts;

/// <summary>
/// The ordinary <see cref="FlagChange"/>s a plan makes: a step (a percentage of actors; 100 enables the flag globally,
/// as the seeds' last command does) and a rollback. Each carries the plan in its origin and audit details, and a step
/// carries its key (<c>rollout_step</c>), by which a new leader finds a step its predecessor applied.
/// </summary>
internal static class RolloutChanges
{
    /// <summary>The change that applies step <paramref name="step"/> to a flag now in <paramref name="current"/>.</summary>
    public static FlagChange Step(RolloutPlan plan, int step, FlagState? current)
    {
        var percentage = plan.Steps[step].Percentage;
        var value = Value(percentage);
        var origin = new ChangeOrigin(
            plan.CreatedBy,
            ChangeChannels.Rollout,
            $"rollout plan {plan.Id}",
            $"Rollout plan {plan.Id}, step {step + 1} of {plan.Steps.Count}")
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rollout_plan"] = plan.Id.ToString(CultureInfo.InvariantCulture),
                ["rollout_step"] = plan.StepKey(step),
                ["rollout_step_number"] = $"{step + 1}/{plan.Steps.Count}",
                ["value"] = value,
            },
        };
        return new FlagChange([ChangeRequest.Update(plan.Environment, plan.Flag, origin, [.. To(percentage, current)])], value);
    }

    /// <summary>
    /// The rollback after <paramref name="failed"/>: to <paramref name="percentage"/> of actors, or off when null. It
    /// skips the production check: it lowers exposure, and an incident (often the very one the check saw) must not keep
    /// a bad change on. The skip is recorded in the audit details like any override.
    /// </summary>
    public static FlagChange Rollback(RolloutPlan plan, double? percentage, FlagState? current, CheckReading failed, string reason)
    {
        var value = percentage is { } target ? Value(target) : "false";
        var origin = new ChangeOrigin(plan.CreatedBy, ChangeChannels.Rollout, $"rollout plan {plan.Id}", reason)
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rollout_plan"] = plan.Id.ToString(CultureInfo.InvariantCulture),
                ["rollout_rollback"] = $"{plan.Id}:{plan.Attempt}",
                ["check"] = failed.Check,
                ["check_query"] = failed.Query,
                ["check_value"] = failed.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "unevaluable",
                ["check_threshold"] = failed.Threshold,
                ["value"] = value,
            },
        };
        IReadOnlyList<GateOperation> operations = percentage is { } p ? To(p, current) : [GateOperation.DisableBoolean()];
        return new FlagChange([ChangeRequest.Update(plan.Environment, plan.Flag, origin, [.. operations])], value)
        {
            Overrides = new ChangeOverrides(IgnoreProductionCheck: true),
        };
    }

    /// <summary>How a step's value is shown: <c>25</c>, or <c>true</c> for 100.</summary>
    public static string Value(double percentage) => percentage >= 100 ? "true" : percentage.ToString(CultureInfo.InvariantCulture);

    private static List<GateOperation> To(double percentage, FlagState? current)
    {
        if (percentage >= 100)
        {
            return [GateOperation.EnableBoolean()];
        }

        var operations = new List<GateOperation>();
        if (current is { Boolean: true })
        {
            // Going back from a global enable: "disable" clears every gate, so the actors, opt-outs and groups the flag
            // had are put back before the percentage is set.
            operations.Add(GateOperation.DisableBoolean());
            foreach (var actor in current.Actors)
            {
                operations.Add(actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal)
                    ? GateOperation.OptOut(actor[..^FlagState.OptOutSuffix.Length])
                    : GateOperation.EnableActor(actor));
            }

            operations.AddRange(current.Groups.Select(GateOperation.EnableGroup));
        }

        operations.Add(GateOperation.SetPercentageOfActors(Percentage.Parse(percentage.ToString("R", CultureInfo.InvariantCulture))));
        return operations;
    }
}
