using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>A flag's gate values.</summary>
public sealed record GatesView(bool Boolean, IReadOnlyList<string> Actors, IReadOnlyList<string> Groups, double PercentageOfActors, double PercentageOfTime)
{
    /// <summary>Converts a stored state.</summary>
    public static GatesView Of(FlagState state) => new(
        state.Boolean,
        state.Actors.ToArray(),
        state.Groups.ToArray(),
        state.PercentageOfActors.Value,
        state.PercentageOfTime.Value);
}
