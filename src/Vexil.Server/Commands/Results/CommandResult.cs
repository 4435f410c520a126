namespace Vexil.Server.Commands.Results;

/// <summary>
/// The structured answer to a command, which each front end renders its own way: the CLI prints
/// <see cref="ToPlainText"/>, chat posts <see cref="ToMarkdown"/> or builds blocks from <see cref="Environments"/>,
/// the REST endpoint returns all of it.
/// </summary>
public sealed class CommandResult
{
    private CommandResult(CommandOutcome outcome, string? headline, IReadOnlyList<EnvironmentResult> environments, IReadOnlyList<string> notes)
    {
        Outcome = outcome;
        Headline = headline;
        Environments = environments;
        Notes = notes;
    }

    /// <summary>How the command ended.</summary>
    public CommandOutcome Outcome { get; }

    /// <summary>True when the command succeeded.</summary>
    public bool Ok => Outcome == CommandOutcome.Succeeded;

    /// <summary>0 succeeded, 1 refused, 2 not a valid command.</summary>
    public int ExitCode => Outcome switch
    {
        CommandOutcome.Succeeded => 0,
        CommandOutcome.Refused => 1,
        _ => 2,
    };

    /// <summary>
    /// The first line(s): "The feature flag value has been updated!", a refusal in GitLab's words (several joined by
    /// new lines), a usage error, or the help; null for reads, whose environments say it all.
    /// </summary>
    public string? Headline { get; }

    /// <summary>Each environment's outcome, in configured order.</summary>
    public IReadOnlyList<EnvironmentResult> Environments { get; }

    /// <summary>Warnings that did not stop the command, e.g. a flag without a loaded definition.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>A successful command.</summary>
    public static CommandResult Success(string? headline, IReadOnlyList<EnvironmentResult> environments, IReadOnlyList<string>? notes = null) =>
        new(CommandOutcome.Succeeded, headline, environments, notes ?? []);

    /// <summary>A refused command; <paramref name="environments"/> say where and why.</summary>
    public static CommandResult Refused(string headline, IReadOnlyList<EnvironmentResult>? environments = null, IReadOnlyList<string>? notes = null) =>
        new(CommandOutcome.Refused, headline, environments ?? [], notes ?? []);

    /// <summary>Text that is not a valid command.</summary>
    public static CommandResult Usage(string message) => new(CommandOutcome.Usage, message, [], []);

    /// <summary>Plain text for terminals and logs.</summary>
    public string ToPlainText() => CommandResultRenderer.Render(this, markdown: false);

    /// <summary>CommonMark for Mattermost, GitLab and the dashboard (bold, code spans, bullets); Slack blocks are built from the structure.</summary>
    public string ToMarkdown() => CommandResultRenderer.Render(this, markdown: true);

    /// <inheritdoc />
    public override string ToString() => ToPlainText();
}
