using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Release;
using Vexil.Server.Commands.Results;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// The one implementation of the <c>feature</c> command on the server (and the door to <c>auto_deploy status</c> and
/// <c>release check</c>, see <see cref="ReleaseCommandExecutor"/>). Chat, the CLI and the dashboard send it text and
/// show its <see cref="CommandResult"/>. It parses, checks the arguments in GitLab's order, runs the policies for every
/// environment, and only then writes (see <see cref="ChangeRunner"/>).
/// </summary>
public sealed class FeatureCommandExecutor(
    FeatureCommandParser parser,
    SetCommandHandler set,
    DeleteCommandHandler delete,
    GetCommandHandler get,
    ListCommandHandler list,
    RolloutCommandHandler rollout,
    ChecklistCommandHandler checklist,
    ReleaseCommandExecutor release,
    CleanupCommandHandler cleanup,
    ILogger<FeatureCommandExecutor> logger)
{
    /// <summary>
    /// Runs a command. <paramref name="progress"/> hears about slow steps (the production check) before they start.
    /// Cancelling stops the command before its first write; once writing has started it completes.
    /// </summary>
    public async Task<CommandResult> ExecuteAsync(CommandRequest request, CommandProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // auto_deploy status and release check come through the same doors as feature (chat, CLI, API).
        if (ReleaseCommandParser.TryParse(request.Text) is { } releaseCommand)
        {
            return await release.ExecuteAsync(request, releaseCommand, cancellationToken);
        }

        var parsed = parser.Parse(request.Text);
        if (parsed.Command is not { } command)
        {
            logger.LogDebug("Not a command ({Source}): {Error}", request.Source, parsed.Error);
            return CommandResult.Usage(parsed.Error!);
        }

        return command.Subcommand switch
        {
            FeatureSubcommand.Set => await set.HandleAsync(request, command, progress, cancellationToken),
            FeatureSubcommand.Delete => await delete.HandleAsync(request, command, progress, cancellationToken),
            FeatureSubcommand.Get => await get.HandleAsync(request, command, cancellationToken),
            FeatureSubcommand.Rollout => await rollout.HandleAsync(request, command, cancellationToken),
            FeatureSubcommand.Checklist => await checklist.HandleAsync(request, command, cancellationToken),
            FeatureSubcommand.List => await list.HandleAsync(request, command, cancellationToken),
            FeatureSubcommand.Cleanup => await cleanup.HandleAsync(request, command, progress, cancellationToken),
            _ => CommandResult.Success(HelpText.Build(parser.EnvironmentList, parser.DefaultEnvironment.Name), []),
        };
    }
}
