namespace Vexil.Cli;

/// <summary>
/// A failure to show a person as one sentence (what was wrong and what to do) with the exit code to return. Thrown
/// anywhere in a command; <see cref="CliApplication"/> prints it, so no command prints half an answer.
/// </summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="message">The sentence to print on standard error.</param>
    /// <param name="exitCode">The exit code to return, <see cref="ExitCodes.Failure"/> unless the command line was wrong.</param>
    /// <param name="jsonBody">The server's JSON answer, if any; printed on standard output under <c>--json</c> so scripts can read it.</param>
    /// <param name="innerException">The cause.</param>
    public CliException(string message, int exitCode = ExitCodes.Failure, string? jsonBody = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        JsonBody = jsonBody;
    }

    /// <summary>The exit code to return.</summary>
    public int ExitCode { get; }

    /// <summary>The server's JSON answer that explains the failure, if it sent one.</summary>
    public string? JsonBody { get; }
}
