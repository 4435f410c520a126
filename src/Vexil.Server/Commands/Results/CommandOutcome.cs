namespace Vexil.Server.Commands.Results;

/// <summary>How a command ended; decides the exit code the CLI returns.</summary>
public enum CommandOutcome
{
    /// <summary>Done (exit code 0).</summary>
    Succeeded,

    /// <summary>Understood but refused by a check, a policy or a rule; nothing was changed (exit code 1).</summary>
    Refused,

    /// <summary>Not understood: the text is not a valid command (exit code 2).</summary>
    Usage,
}
