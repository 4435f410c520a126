using Microsoft.Extensions.Options;

namespace Vexil.Server.Repository;

/// <summary>Fetches the mirror at start-up and then every <c>Vexil:Repository:FetchInterval</c>; a failed fetch is logged and retried next time.</summary>
public sealed class RepositoryFetchService(RepositoryMirror mirror, IOptions<RepositoryOptions> options, TimeProvider clock, ILogger<RepositoryFetchService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mirror.IsConfigured)
        {
            return;
        }

        // Let the server start answering first: the first clone of a large repository can take minutes.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.FetchInterval, clock);
        do
        {
            try
            {
                await mirror.FetchAsync(stoppingToken);
            }
            catch (GitException exception)
            {
                logger.LogDebug(exception, "Scheduled fetch failed; retrying in {Interval}", options.Value.FetchInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
