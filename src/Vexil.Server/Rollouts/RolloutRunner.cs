using Microsoft.Extensions.Options;

namespace Vexil.Server.Rollouts;

/// <summary>
/// Moves rollout plans in the background: a round every <c>Vexil:Rollouts:CheckInterval</c> (one minute by default),
/// or sooner when a step falls due. The engine does nothing on a replica that does not lead, so every replica runs
/// this loop and the one holding leadership does the work; when it dies, the next leader's round picks the plans up
/// from the database.
/// </summary>
public sealed class RolloutRunner(RolloutEngine engine, IOptionsMonitor<RolloutOptions> options, TimeProvider time, ILogger<RolloutRunner> logger) : BackgroundService
{
    // A step due in a few milliseconds is applied in the next round rather than in a busy loop.
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
