using System.Collections.Concurrent;

namespace Vexil.Server.ChatOps;

/// <summary>
/// Keeps track of answers still to be posted after their request was acknowledged, so the server finishes them before
/// it stops (within the host's shutdown timeout) instead of leaving people without an answer.
/// </summary>
public sealed class ChatFollowUps : IHostedService
{
    private readonly ConcurrentDictionary<Task, bool> running = new();

    /// <summary>Follow-ups not yet finished.</summary>
    public int Count => running.Count;

    /// <summary>Tracks a follow-up until it ends.</summary>
    public void Track(Task followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        running[followUp] = true;
        followUp.ContinueWith(task => running.TryRemove(task, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pending = running.Keys.ToArray();
        if (pending.Length > 0)
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
