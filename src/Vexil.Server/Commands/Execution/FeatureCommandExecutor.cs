using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// The one implementation of the <c>feature</c> command on the server. Chat, the CLI and the dashboard send it text and
/// show its <see cref="CommandResult"/>. It parses, checks the arguments in GitLab's order, runs the policies for every
/// environment, and only then writes (see <see cref="ChangeRunner"/>).
/// </summary>
public sealed class FeatureCommandExecutor(
    FeatureCommandParser parser,
    SetCommandHandler set,
    DeleteCommandHandler delete,
    GetCommandHandler get,
    ListCommandHandler list,
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
            FeatureSubcommand.Get => get.Handle(request, command),
            FeatureSubcommand.List => await list.HandleAsync(request, command, cancellationToken),
            FeatureSubcommand.Cleanup => await cleanup.HandleAsync(request, command, progress, cancellationToken),
            _ => CommandResult.Success(HelpText.Build(parser.EnvironmentList, parser.DefaultEnvironment.Name), []),
        };
    }
}
