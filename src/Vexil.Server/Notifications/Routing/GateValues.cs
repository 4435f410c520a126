using Vexil.Core.State;

namespace Vexil.Server.Notifications.Routing;

/// <summary>A flag's gate values in a change event.</summary>
/// <param name="Boolean">On for everyone.</param>
/// <param name="Actors">Flipper ids the flag is enabled for (opt-outs end in <c>:opt_out</c>).</param>
/// <param name="Groups">Feature groups the flag is enabled for.</param>
/// <param name="PercentageOfActors">Percentage of actors, 0 to 100.</param>
/// <param name="PercentageOfTime">Percentage of time, 0 to 100.</param>
public sealed record GateValues(bool Boolean, IReadOnlyList<string> Actors, IReadOnlyList<string> Groups, double PercentageOfActors, double PercentageOfTime)
{
    /// <summary>The values of a stored state; null for none.</summary>
    public static GateValues? Of(FlagState? state) =>
        state is null ? null : new(state.Boolean, [.. state.Actors], [.. state.Groups], state.PercentageOfActors.Value, state.PercentageOfTime.Value);
}
