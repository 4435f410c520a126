using System.Globalization;
using System.Text;

namespace Vexil.Server.Rollouts;

/// <summary>A plan in a few lines for answers (<c>feature rollout status</c>, <c>feature get</c>): where it stands, its ladder, the next step's time, the latest check values.</summary>
public static class RolloutPlanText
{
    /// <summary>The plan's lines, joined by new lines.</summary>
    public static string Describe(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        var stepText = plan.CurrentStep >= 0 ? $", at step {plan.CurrentStep + 1} of {plan.Steps.Count} ({Percent(plan.Steps[plan.CurrentStep].Percentage)})" : $", no step applied yet of {plan.Steps.Count}";
        text.Append(CultureInfo.InvariantCulture, $"Rollout plan {plan.Id} of {plan.Flag} on {plan.Environment}: {RolloutStatuses.Word(plan.Status)}{stepText}.");
        text.Append("\nSteps: ").Append(string.Join(", ", plan.Steps.Select(Step)));
        text.Append("\nEvery ").Append(RolloutDuration.Format(plan.Every)).Append(", verification ").Append(plan.Verify == TimeSpan.Zero ? "none" : RolloutDuration.Format(plan.Verify));
        text.Append(", checks: ").Append(plan.Checks.Count == 0 ? "none" : string.Join(", ", plan.Checks));
        if (plan.NextAt is { } next)
        {
            text.Append('\n').Append(plan.Status == RolloutStatus.Verifying ? "Verification ends at " : "Next step at ").Append(Time(next));
        }

        if (plan.LatestChecks.Count > 0)
        {
            text.Append("\nLatest checks (").Append(Time(plan.LatestChecks[0].At)).Append("): ").Append(string.Join("; ", plan.LatestChecks.Select(reading => reading.Describe())));
        }

        if (plan.Reason is { } reason)
        {
            text.Append('\n').Append(reason);
        }

        return text.ToString();
    }

    private static string Step(RolloutStep step) =>
        step.AppliedAt is { } applied ? $"{Percent(step.Percentage)} (applied {Time(applied)})" : Percent(step.Percentage);

    private static string Percent(double value) => value.ToString(CultureInfo.InvariantCulture) + "%";

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
