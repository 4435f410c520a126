using Vexil.Server.Commands.Results;

namespace Vexil.Server.Commands.Api;

/// <summary>The answer of <c>POST /api/v1/commands</c>: what the CLI prints and exits with.</summary>
/// <param name="Ok">True when the command succeeded.</param>
/// <param name="ExitCode">0 succeeded, 1 refused, 2 not a valid command.</param>
/// <param name="Text">The answer as plain text.</param>
/// <param name="Markdown">The answer as Markdown.</param>
/// <param name="Environments">Each environment's outcome, in configured order.</param>
/// <param name="Notes">Warnings that did not stop the command.</param>
public sealed record CommandResponse(bool Ok, int ExitCode, string Text, string Markdown, IReadOnlyList<CommandEnvironmentView> Environments, IReadOnlyList<string> Notes)
{
    /// <summary>The response for a result.</summary>
    public static CommandResponse Of(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CommandResponse(
            result.Ok,
            result.ExitCode,
            result.ToPlainText(),
            result.ToMarkdown(),
            result.Environments.Select(CommandEnvironmentView.Of).ToArray(),
            result.Notes);
    }
}
