using Vexil.Core.State;
using Vexil.Server.Environments;

namespace Vexil.Server.Dashboard.Views;

/// <summary>A flag in one environment, as the flag page shows it.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="State">The stored state, or null when not stored.</param>
/// <param name="Cell">The short summary.</param>
/// <param name="Gates">The gates in sentences.</param>
/// <param name="CanWrite">True when the signed-in token may change the flag here (the page then offers the forms).</param>
public sealed record FlagEnvironmentView(VexilEnvironment Environment, FlagState? State, CellSummary Cell, IReadOnlyList<string> Gates, bool CanWrite);
