using Vexil.Server.Commands.Results;

namespace Vexil.Server.Commands.Release;

/// <summary>Runs <c>auto_deploy status</c> and <c>release check</c>: read-only questions any valid caller may ask.</summary>
public sealed class ReleaseCommandExecutor(AutoDeployStatusHandler autoDeploy, ReleaseCheckHandler releaseCheck, ILogger<ReleaseCommandExecutor> logger)
{
    /// <summary>Answers a parsed command, or its usage error.</summary>
    public async Task<CommandResult> ExecuteAsync(CommandRequest request, ReleaseParseResult parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Command is not { } command)
        {
            return CommandResult.Usage(parsed.Error!);
        }

        logger.LogDebug("{Command} {Subject} ({Source})", command.Kind, command.Subject, request.Source);
        return command.Kind == ReleaseCommandKind.AutoDeployStatus
            ? await autoDeploy.HandleAsync(command, cancellationToken)
            : await releaseCheck.HandleAsync(command, cancellationToken);
    }
}
