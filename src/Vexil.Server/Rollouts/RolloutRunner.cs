using Microsoft.Extensions.Options;
using Vexil.Server.Leadership;

namespace Vexil.Server.Rollouts;

/// <summary>
/// Moves rollout plans in the background: a round every <c>Vexil:Rollouts:CheckInterval</c> (one minute by default),
/// or sooner when a step falls due, on the one replica that leads the <see cref="LeaderLocks.Rollouts"/> lock. When it
/// dies, its advisory lock goes with its session, and the next leader's first round picks the plans up from the
/// database; a step the dead leader had written is found in the audit trail by its key and not applied again.
/// </summary>
public sealed class RolloutRunner(
    RolloutEngine engine,
    ILeaderElection leaders,
    IOptionsMonitor<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutRunner> logger) : BackgroundService
{
    // A step due in a few milliseconds is applied in the next round rather than in a busy loop.
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leaders.RunWhileLeadingAsync(LeaderLocks.Rollouts, RunRoundsAsync, stoppingToken);

    // Rounds until leadership is lost (the token is cancelled) or the process stops; a new leader starts them afresh
    // and reads every plan from the database.
    private async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("This process now moves rollout plans");
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = options.CurrentValue.CheckIntervalValue;
            try
            {
                if (await engine.RunDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - time.GetUtcNow();
                    interval = untilDue < interval ? (untilDue < Shortest ? Shortest : untilDue) : interval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be down for a while; the plans are durable, so the next round carries on.
                logger.LogError(exception, "A rollout round failed; trying again in {Interval}", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
