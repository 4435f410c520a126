using Vexil.Core.State;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Environments;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// What a command will do in one environment: what the door policies look at (the environment) and what becomes the
/// environment's <see cref="Storage.ChangeRequest"/>. What the change will make of the flag is worked out once, by
/// the guard rails (<see cref="Changes.GuardRails.ChangeProjector"/>, through <see cref="Storage.ChangeRequest.ApplyTo"/>),
/// and what was written comes back in the audit event, so the plan holds no projection of its own.
/// </summary>
/// <param name="Environment">The environment.</param>
/// <param name="Operations">The gate operations (empty for a delete).</param>
/// <param name="Delete">True for <c>feature delete</c>.</param>
public sealed record EnvironmentPlan(VexilEnvironment Environment, IReadOnlyList<GateOperation> Operations, bool Delete)
{
    /// <summary>One plan per environment of <paramref name="command"/>, in configured order: <paramref name="operations"/> for a set, none for a delete.</summary>
    public static IReadOnlyList<EnvironmentPlan> For(FeatureCommand command, IReadOnlyList<GateOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(command);
        var delete = command.Subcommand is FeatureSubcommand.Delete or FeatureSubcommand.Cleanup;
        return command.Environments.Select(environment => new EnvironmentPlan(environment, delete ? [] : operations, delete)).ToArray();
    }
}
