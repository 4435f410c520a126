namespace Vexil.Server.Commands.Results;

/// <summary>What a command did in one environment.</summary>
public enum EnvironmentStatus
{
    /// <summary>The flag was changed (or deleted).</summary>
    Changed,

    /// <summary>Accepted, but there was nothing to change (a delete of a flag that was not stored).</summary>
    Unchanged,

    /// <summary>Read: the flag or the list is shown.</summary>
    Shown,

    /// <summary>Read: the flag does not exist there.</summary>
    NotFound,

    /// <summary>Refused in this environment; the message says why.</summary>
    Refused,

    /// <summary>Not changed because the command was refused in another environment.</summary>
    Skipped,
}
