namespace Vexil.Server.Repository;

/// <summary>A git command failed or could not run; the message says what git said.</summary>
public sealed class GitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
