using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// <c>feature delete NAME</c>: removes the flag's stored state, so it falls back to its definition's default. Idempotent,
/// as GitLab's DELETE is. It changes what production does, so it passes the same token, channel and production
/// checks as a set (GitLab checks only the channel); the consistency check does not apply.
/// </summary>
public sealed class DeleteCommandHandler(ChangeRunner runner)
{
    /// <summary>Handles the command.</summary>
    public Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CommandProgress? progress, CancellationToken cancellationToken)
    {
        if (ArgumentChecks.FirstRefusal(ArgumentChecks.Named, command) is { } refusal)
        {
            return Task.FromResult(CommandResult.Usage(refusal));
        }

        return runner.RunAsync(request, command, EnvironmentPlan.For(command, []), progress, cancellationToken);
    }
}
