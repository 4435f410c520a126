namespace Vexil.Cli;

/// <summary>
/// The exit codes <c>vexil</c> returns. They match the <c>exitCode</c> field of the server's command answers, so a
/// script sees the same number whether the server or the CLI refused.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// The server refused, could not be reached, or the CLI is not set up (no URL or token); for
    /// <c>definitions check</c>, a definition file is invalid.
    /// </summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown option, missing argument, bad value), here or at the server.</summary>
    public const int Usage = 2;
}
