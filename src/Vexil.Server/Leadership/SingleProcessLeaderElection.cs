using System.Collections.Concurrent;

namespace Vexil.Server.Leadership;

/// <summary>With SQLite there is one server process, so it always leads: the work simply runs.</summary>
public sealed class SingleProcessLeaderElection : ILeaderElection
{
    private readonly ConcurrentDictionary<string, bool> leading = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task RunWhileLeadingAsync(string lockName, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lockName);
        ArgumentNullException.ThrowIfNull(work);
        leading[lockName] = true;
        try
        {
            await work(stoppingToken);
        }
        finally
        {
            leading[lockName] = false;
        }
    }

    /// <inheritdoc />
    public bool IsLeading(string lockName) => leading.TryGetValue(lockName, out var value) && value;
}
