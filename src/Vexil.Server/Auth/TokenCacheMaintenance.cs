using Microsoft.Extensions.Options;

namespace Vexil.Server.Auth;

/// <summary>
/// Keeps <see cref="TokenCache"/> in step with the database: loads the tokens before the server takes requests (a
/// failure stops the start-up, as the snapshot load does), reloads them every <see cref="AuthOptions.TokenRefreshInterval"/>
/// to pick up tokens made or revoked on other servers, and writes last-used times every
/// <see cref="AuthOptions.LastUsedFlushInterval"/> and once more on shutdown.
/// </summary>
internal sealed class TokenCacheMaintenance(TokenCache cache, IOptions<AuthOptions> options, ILogger<TokenCacheMaintenance> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await cache.ReloadAsync(cancellationToken);
        logger.LogInformation("Stored tokens loaded: {Count} usable", cache.Count);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushQuietlyAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            EveryAsync(options.Value.TokenRefreshInterval, ReloadQuietlyAsync, stoppingToken),
            EveryAsync(options.Value.LastUsedFlushInterval, FlushQuietlyAsync, stoppingToken));

    private static async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await work(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ReloadQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cache.ReloadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may be briefly unreachable; the tokens already loaded keep working meanwhile.
            logger.LogWarning(exception, "Could not reload the stored tokens; will retry.");
        }
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cache.FlushUsesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Last-used times are a convenience: keep them for the next attempt rather than fail anything.
            logger.LogWarning(exception, "Could not record when tokens were last used; will retry.");
        }
    }
}
