using Vexil.Core.State;
using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// What <c>feature set NAME VALUE</c> does to the gates, after GitLab's Features API:
/// <list type="bullet">
/// <item><c>true</c> (and 100 without <c>--actors</c>/<c>--random</c>) enables the flag for everyone, or for each
/// target when targets are given;</item>
/// <item><c>false</c> and <c>0</c> disable the flag (clearing every gate), or remove each target;</item>
/// <item>other percentages set the percentage of actors (<c>--actors</c>) or of time (<c>--random</c>).</item>
/// </list>
/// </summary>
public static class SetOperations
{
    /// <summary>The operations for a command whose value passed the checks.</summary>
    public static IReadOnlyList<GateOperation> For(FeatureCommand command, FeatureValue value)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(value);
        var targets = command.Targets;
        if (value.Kind == FeatureValueKind.True || (value.IsFull && !command.Actors && !command.Random))
        {
            return targets.IsEmpty
                ? [GateOperation.EnableBoolean()]
                : [.. targets.ActorIds.Select(GateOperation.EnableActor), .. targets.FeatureGroups.Select(GateOperation.EnableGroup)];
        }

        if (value.Disables)
        {
            return targets.IsEmpty
                ? [GateOperation.DisableBoolean()]
                : [.. targets.ActorIds.Select(GateOperation.DisableActor), .. targets.FeatureGroups.Select(GateOperation.DisableGroup)];
        }

        return command.Random
            ? [GateOperation.SetPercentageOfTime(value.Percentage)]
            : [GateOperation.SetPercentageOfActors(value.Percentage)];
    }

    /// <summary>True when the operations set a percentage of actors (the audit title then says "'50%' of actors").</summary>
    public static bool IsPercentageOfActors(IReadOnlyList<GateOperation> operations) =>
        operations.Count == 1 && operations[0].Action == "enable_percentage_of_actors";
}
