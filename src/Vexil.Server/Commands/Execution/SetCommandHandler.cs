using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary><c>feature set NAME VALUE [options]</c>: GitLab's argument checks, then the plan, the policies and the writes.</summary>
public sealed class SetCommandHandler(ChangeRunner runner, SnapshotCache snapshots)
{
    /// <summary>Handles the command.</summary>
    public Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CommandProgress? progress, CancellationToken cancellationToken)
    {
        if (ArgumentChecks.FirstRefusal(ArgumentChecks.Set, command) is { } refusal)
        {
            return Task.FromResult(CommandResult.Usage(refusal));
        }

        var operations = SetOperations.For(command, FeatureValue.TryParse(command.Value)!);

        // Actor ids and feature groups are input too: refuse a bad one before any policy runs (and before a slow check).
        foreach (var operation in operations)
        {
            if (operation.Validate(snapshots.Groups) is { } problem)
            {
                return Task.FromResult(CommandResult.Usage(problem));
            }
        }

        return runner.RunAsync(request, command, EnvironmentPlan.For(command, operations), progress, cancellationToken);
    }
}
