namespace Vexil.Server.Storage;

/// <summary>What a token may do.</summary>
public enum TokenKind
{
    /// <summary>Read flags and evaluate them (OFREP, reads of the APIs) in its environments.</summary>
    Read,

    /// <summary>Read, and change flags in its environments.</summary>
    Write,

    /// <summary>Everything, in every environment, including token management.</summary>
    Admin,
}
