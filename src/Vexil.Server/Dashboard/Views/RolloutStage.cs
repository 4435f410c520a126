using Vexil.Core.State;
using Vexil.Server.Environments;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// Where a rollout stands against the steps of GitLab's rollout issue template (the seed issues): the highest step
/// the flag's states have reached. 0 means not started.
/// </summary>
public static class RolloutStage
{
    /// <summary>The seven steps, in order (step <c>n</c> is <c>Steps[n - 1]</c>).</summary>
    public static readonly IReadOnlyList<string> Steps =
    [
        "Non-production partial",
        "Non-production global",
        "Production actors",
        "Production partial",
        "Production global",
        "Default enabled",
        "Removed",
    ];

    /// <summary>The step reached, 0 to 7.</summary>
    /// <param name="states">Each environment with the flag's stored state there (null: not stored).</param>
    /// <param name="defaultEnabled">The definition's <c>default_enabled</c>, or null without a definition.</param>
    public static int Of(IReadOnlyList<(VexilEnvironment Environment, FlagState? State)> states, bool? defaultEnabled)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (defaultEnabled is null)
        {
            // No definition and nothing stored anywhere: the flag went through the whole process and was removed.
            return states.All(pair => pair.State is null) ? 7 : 0;
        }

        if (defaultEnabled.Value)
        {
            return 6;
        }

        var production = states.Where(pair => pair.Environment.IsProtected).Select(pair => pair.State).ToList();
        var others = states.Where(pair => !pair.Environment.IsProtected).Select(pair => pair.State).ToList();
        if (production.Count > 0 && production.All(state => state?.Status == FlagStatus.On))
        {
            return 5;
        }

        if (production.Any(state => state is { Status: FlagStatus.Conditional } && (state.PercentageOfActors.IsEnabled || state.PercentageOfTime.IsEnabled)))
        {
            return 4;
        }

        if (production.Any(state => state is { Status: FlagStatus.Conditional }))
        {
            return 3;
        }

        if (others.Count > 0 && others.All(state => state?.Status == FlagStatus.On))
        {
            return 2;
        }

        return others.Any(state => state is not null && state.Status != FlagStatus.Off) ? 1 : 0;
    }
}
