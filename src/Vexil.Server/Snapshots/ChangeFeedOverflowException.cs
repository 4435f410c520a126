namespace Vexil.Server.Snapshots;

/// <summary>Ends a subscription whose queue filled up: the subscriber read too slowly and must reconnect.</summary>
public sealed class ChangeFeedOverflowException : Exception
{
    /// <summary>Creates the exception for a subscriber of <paramref name="environment"/>.</summary>
    public ChangeFeedOverflowException(string environment)
        : base($"The subscriber to {environment} fell too far behind ({StreamOptions.Section}:MaxQueuedEvents) and was disconnected; reconnect with Last-Event-ID to resume.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChangeFeedOverflowException()
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ChangeFeedOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
