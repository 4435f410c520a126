using Vexil.Core.State;
using Vexil.Server.Environments;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// What a command will do in one environment: what the door's policies look at (the environment), what becomes the
/// environment's <see cref="Storage.ChangeRequest"/>, and the state shown when the write reports none. The guard rails
/// work out their own projection in <see cref="Changes.GuardRails.ChangeProjector"/>.
/// </summary>
/// <param name="Environment">The environment.</param>
/// <param name="Operations">The gate operations (empty for a delete).</param>
/// <param name="Delete">True for <c>feature delete</c>.</param>
/// <param name="Projected">The stored state after the change as planned; null for a delete or when a gate rule refuses it.</param>
public sealed record EnvironmentPlan(
    VexilEnvironment Environment,
    IReadOnlyList<GateOperation> Operations,
    bool Delete,
    FlagState? Projected);
