namespace Vexil.Client;

/// <summary>
/// Gives a unit of work (an HTTP request, a queue message, a job) its own <see cref="Actor.CurrentRequest"/>. The ASP.NET
/// Core integration begins one per request by itself; call <see cref="Begin"/> in workers and message handlers.
/// </summary>
public static class RequestActorScope
{
    private const string ActorType = "Request";

    // The AsyncLocal holds a mutable box: a value stored from inside an awaited method would vanish when that method
    // returns, but filling a box created at the start of the request is seen by every later part of the request.
    private static readonly AsyncLocal<Box?> Current = new();

    /// <summary>Starts a new request actor for this async flow and everything it calls; dispose to end it.</summary>
    public static IDisposable Begin()
    {
        var previous = Current.Value;
        Current.Value = new Box();
        return new Scope(previous);
    }

    /// <summary>Starts a new request actor for this async flow without a scope to end (the caller's flow ends it).</summary>
    internal static void BeginWithoutScope() => Current.Value = new Box();

    internal static string CurrentId()
    {
        var box = Current.Value;
        if (box is null)
        {
            box = new Box();
            Current.Value = box;
        }

        return box.Id ??= NewId();
    }

    private static string NewId() => ActorType + ":" + Guid.NewGuid().ToString("N");

    private sealed class Box
    {
        public string? Id;
    }

    private sealed class Scope(Box? previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                Current.Value = previous;
            }
        }
    }
}
