using System.Diagnostics.CodeAnalysis;
using Vexil.Core.State;

namespace Vexil.Server.Changes;

/// <summary>
/// A flag's gate values as every outward view shows them: the native API's flag and audit views and the change
/// events sent to webhooks. One type, so a gate added or renamed shows the same everywhere.
/// </summary>
/// <param name="Boolean">On for everyone.</param>
/// <param name="Actors">Flipper ids the flag is enabled for (opt-outs end in <c>:opt_out</c>).</param>
/// <param name="Groups">Feature groups the flag is enabled for.</param>
/// <param name="PercentageOfActors">Percentage of actors, 0 to 100.</param>
/// <param name="PercentageOfTime">Percentage of time, 0 to 100.</param>
public sealed record GateValues(bool Boolean, IReadOnlyList<string> Actors, IReadOnlyList<string> Groups, double PercentageOfActors, double PercentageOfTime)
{
    /// <summary>The values of a stored state; null for none.</summary>
    [return: NotNullIfNotNull(nameof(state))]
    public static GateValues? Of(FlagState? state) =>
        state is null ? null : new(state.Boolean, [.. state.Actors], [.. state.Groups], state.PercentageOfActors.Value, state.PercentageOfTime.Value);
}
