using Vexil.Core.State;
using Vexil.Server.Environments;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// What a change will do in one environment, worked out from the current snapshot before anything is written, so
/// every policy can look at every environment (and at what the others will become) first.
/// </summary>
/// <param name="Environment">The environment.</param>
/// <param name="Operations">The gate operations (empty for a delete).</param>
/// <param name="Delete">True for <c>feature delete</c>.</param>
/// <param name="CurrentlyEnabled">True when the flag is on or conditional there now (a definition default counts).</param>
/// <param name="Projected">The stored state after the change as planned; null for a delete or a refused plan.</param>
/// <param name="ProjectedEnabled">True when the flag will be on or conditional after the change.</param>
/// <param name="GateRefusal">The rule the operations break on the current state (e.g. "Cannot enable percentage of actors for a fully-enabled flag"), or null.</param>
public sealed record EnvironmentPlan(
    VexilEnvironment Environment,
    IReadOnlyList<GateOperation> Operations,
    bool Delete,
    bool CurrentlyEnabled,
    FlagState? Projected,
    bool ProjectedEnabled,
    string? GateRefusal);
