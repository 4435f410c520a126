namespace Vexil.Server.Storage;

/// <summary>
/// A token was not stored because a token that is not revoked already has its name (names are compared ignoring case).
/// Names are what audit events and logs show as "who", so two live tokens must not share one.
/// </summary>
public sealed class TokenNameTakenException : Exception
{
    /// <summary>Creates the exception for <paramref name="name"/>, held by token <paramref name="holderId"/> (null when it could not be read).</summary>
    public TokenNameTakenException(string name, long? holderId)
        : base(holderId is { } id
            ? $"A token named '{name}' is already active (token {id}): pick another name, or revoke token {id} first."
            : $"A token named '{name}' is already active: pick another name, or revoke that token first.")
    {
        Name = name;
        HolderId = holderId;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The id of the active token that holds the name, when known.</summary>
    public long? HolderId { get; }
}
