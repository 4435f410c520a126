using System.Globalization;
using Vexil.Core.State;
using Vexil.Definitions;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// Decides which flags are stale: past their type's lifetime (counted from the milestone's release) and meeting at least
/// one rule, each with its evidence. A definition with <c>lifecycle: permanent</c>, or of a type without a lifetime, is
/// never stale; a flag with stored state but no definition is past any lifetime, since nobody declares it any more.
/// </summary>
public static class StaleFlagJudge
{
    /// <summary>The stale flags, by name.</summary>
    public static async Task<IReadOnlyList<StaleFlag>> JudgeAsync(StaleFlagInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var window = TimeSpan.FromDays(inputs.Options.StaleAfterDays);
        var names = inputs.StoredStates.Values.SelectMany(flags => flags.Keys)
            .Concat(inputs.Definitions.ByName.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var evaluationsRecorded = await inputs.Evaluations.IsRecordedAsync(cancellationToken);
        var stale = new List<StaleFlag>();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inputs.Definitions.TryGet(name, out var definition);
            DateTimeOffset? lifetimeEnd = null;
            if (definition is not null)
            {
                if (definition.Permanent
                    || LifecycleDefaults.Lifetime(definition.Type, inputs.Options) is not { } lifetime
                    || MilestoneCalendar.ReleaseDate(definition.Milestone) is not { } released
                    || released + lifetime > inputs.Now)
                {
                    continue;
                }

                lifetimeEnd = released + lifetime;
            }

            var reasons = new List<StaleReason>();
            var lastChange = await inputs.LastChange(name, cancellationToken);
            if (definition is null)
            {
                reasons.Add(NoDefinition(name, inputs, lastChange));
            }
            else if (OneValue(name, definition, inputs, lastChange, lifetimeEnd!.Value, window) is { } oneValue)
            {
                reasons.Add(oneValue);
            }

            if (evaluationsRecorded && await NotEvaluatedAsync(name, inputs, window, cancellationToken) is { } quiet)
            {
                reasons.Add(quiet);
            }

            if (reasons.Count > 0)
            {
                stale.Add(new StaleFlag(name, definition?.Type.Name, definition?.Group, definition?.Milestone, lifetimeEnd, definition?.RolloutIssueUrl, reasons));
            }
        }

        return stale;
    }

    private static StaleReason NoDefinition(string name, StaleFlagInputs inputs, DateTimeOffset? lastChange)
    {
        var storedIn = inputs.Environments.Where(environment => inputs.StoredStates.TryGetValue(environment, out var flags) && flags.ContainsKey(name)).ToArray();
        var changed = lastChange is { } at ? $"; last changed {Day(at)}" : string.Empty;
        return new StaleReason(
            StaleRules.NoDefinition,
            $"No definition any more, but state is stored in {string.Join(", ", storedIn)}{changed}.",
            lastChange,
            storedIn);
    }

    // The value every environment serves: the stored state when on or off, the definition's default where nothing is
    // stored; a conditional state (actors, groups, percentages) serves both values, so the rule does not hold.
    private static StaleReason? OneValue(string name, FlagDefinition definition, StaleFlagInputs inputs, DateTimeOffset? lastChange, DateTimeOffset lifetimeEnd, TimeSpan window)
    {
        bool? served = null;
        foreach (var environment in inputs.Environments)
        {
            var value = inputs.StoredStates.TryGetValue(environment, out var flags) && flags.TryGetValue(name, out var state)
                ? state.Status switch { FlagStatus.On => true, FlagStatus.Off => (bool?)false, _ => null }
                : definition.DefaultEnabled;
            if (value is null || (served is not null && served != value))
            {
                return null;
            }

            served = value;
        }

        // Unchanged since the last change anywhere; never changed: since the lifetime ended at the latest.
        var since = lastChange ?? lifetimeEnd;
        if (served is null || inputs.Now - since < window)
        {
            return null;
        }

        var days = (int)(inputs.Now - since).TotalDays;
        var how = lastChange is null ? "never changed" : $"unchanged since {Day(since)}";
        return new StaleReason(
            StaleRules.OneValue,
            $"{(served.Value ? "On" : "Off")} in every environment ({string.Join(", ", inputs.Environments)}), {how}: {days} days, at least {window.TotalDays.ToString(CultureInfo.InvariantCulture)} needed.",
            since,
            inputs.Environments);
    }

    private static async Task<StaleReason?> NotEvaluatedAsync(string name, StaleFlagInputs inputs, TimeSpan window, CancellationToken cancellationToken)
    {
        var activity = await inputs.Evaluations.GetAsync(name, cancellationToken);
        if (activity.LastEvaluated is { } last && inputs.Now - last < window)
        {
            return null;
        }

        var days = window.TotalDays.ToString(CultureInfo.InvariantCulture);
        var evidence = activity.LastEvaluated is { } at
            ? $"Not evaluated anywhere for {(int)(inputs.Now - at).TotalDays} days (at least {days} needed): last evaluated {Day(at)}; {activity.Total} evaluations recorded in all, in {string.Join(", ", activity.Environments)}."
            : $"Never evaluated anywhere: no SDK has reported it (0 evaluations), while other flags' evaluations are recorded.";
        return new StaleReason(StaleRules.NotEvaluated, evidence, activity.LastEvaluated, activity.Environments, activity.Total);
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
