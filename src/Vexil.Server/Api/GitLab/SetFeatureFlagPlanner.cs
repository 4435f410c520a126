using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Text;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// Turns the parameters of <c>POST /api/v4/features/:name</c> into gate operations with the rules of GitLab's
/// <c>Admin::SetFeatureFlagService</c>. All operations go into one change, so a refusal anywhere (here, or a rule such as
/// an opt-out in the store's transaction) leaves the flag untouched, where GitLab would have applied the targets before
/// the failing one.
/// </summary>
internal static class SetFeatureFlagPlanner
{
    /// <summary>The <c>key</c> that selects percentage of actors.</summary>
    public const string PercentageOfActorsKey = GateKeys.PercentageOfActors;

    /// <summary>The <c>key</c> that selects percentage of time (also the default for a bare number).</summary>
    public const string PercentageOfTimeKey = GateKeys.PercentageOfTime;

    /// <summary>
    /// Plans the change. Returns null and the operations, or GitLab's refusal (e.g. <c>Cannot set 'x' to "abc"</c>).
    /// <paramref name="parameters"/> must carry <c>value</c> and must not combine <c>key</c> with targets.
    /// </summary>
    public static string? TryPlan(string name, GitLabParameters parameters, out List<GateOperation> operations)
    {
        operations = [];
        var value = parameters.Get(GitLabParameterNames.Value) ?? string.Empty;
        if (!FeatureTargets.AreSpecified(parameters))
        {
            return PlanGlobal(name, value, parameters.Get(GitLabParameterNames.Key), operations);
        }

        if (FeatureTargets.TryRead(parameters, out var targets) is { } targetProblem)
        {
            return targetProblem;
        }

        foreach (var target in targets)
        {
            if (PlanTarget(name, value, target) is not { } operation)
            {
                return target.IsFeatureGroup && value is "opt_out" or "remove_opt_out"
                    ? $"Cannot set '{name}' to {RubyInspect.Of(value)} for {target}: opt-outs apply to actors, not feature groups."
                    : $"Cannot set '{name}' to {RubyInspect.Of(value)} for {target}";
            }

            operations.Add(operation);
        }

        return null;
    }

    // The order of the checks is GitLab's: enable and disable first, whatever the key says.
    private static GateOperation? PlanTarget(string name, string value, FeatureTarget target)
    {
        if (IsEnable(value))
        {
            return target.IsFeatureGroup ? GateOperation.EnableGroup(target.Id) : GateOperation.EnableActor(target.Id);
        }

        if (IsDisable(value))
        {
            return target.IsFeatureGroup ? GateOperation.DisableGroup(target.Id) : GateOperation.DisableActor(target.Id);
        }

        if (target.IsFeatureGroup)
        {
            return null;
        }

        return value switch
        {
            "opt_out" => GateOperation.OptOut(target.Id),
            "remove_opt_out" => GateOperation.RemoveOptOut(target.Id),
            _ => null,
        };
    }

    private static string? PlanGlobal(string name, string value, string? key, List<GateOperation> operations)
    {
        // GitLab would enable the flag for everyone here, which is not what a caller naming a percentage key meant
        // (and its log would read "'true%' of actors"): refuse, and say what to send.
        if (key is PercentageOfActorsKey or PercentageOfTimeKey && value == "true")
        {
            return $"Cannot set '{name}' ({RubyInspect.Of(key)}) to {RubyInspect.Of(value)}: key={key} takes a percentage from 0 to 100; leave key out to turn the flag on or off for everyone.";
        }

        if (IsEnable(value))
        {
            operations.Add(GateOperation.EnableBoolean());
            return null;
        }

        if (IsDisable(value))
        {
            operations.Add(GateOperation.DisableBoolean());
            return null;
        }

        var ofActors = key == PercentageOfActorsKey;
        var ofTime = key == PercentageOfTimeKey || (key is null && IsNumeric(value));
        if (!ofActors && !ofTime)
        {
            return string.IsNullOrWhiteSpace(key)
                ? $"Cannot set '{name}' to {RubyInspect.Of(value)}"
                : $"Cannot set '{name}' ({RubyInspect.Of(key)}) to {RubyInspect.Of(value)}";
        }

        if (!IsNumeric(value))
        {
            return "Not a percentage";
        }

        if (Percentage.TryParse(value, out var percentage) is { } percentageProblem)
        {
            return percentageProblem;
        }

        operations.Add(ofActors ? GateOperation.SetPercentageOfActors(percentage) : GateOperation.SetPercentageOfTime(percentage));
        return null;
    }

    // GitLab compares the text: "100.00" is a percentage of 100, not "enable".
    private static bool IsEnable(string value) => value is "true" or "100" or "100.0";

    private static bool IsDisable(string value) => value is "false" or "0" or "0.0";

    // GitLab's /^\d+(\.\d+)?$/, anchored to the whole text.
    private static bool IsNumeric(string value)
    {
        var dot = value.IndexOf('.');
        return dot < 0
            ? IsDigits(value)
            : IsDigits(value.AsSpan(0, dot)) && IsDigits(value.AsSpan(dot + 1));
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
}
