using Microsoft.Extensions.Options;
using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// Keeps <see cref="TokenCache"/> in step with the database: loads the tokens before the server takes requests (a
/// failure stops the start-up, as the snapshot load does), reloads them every <see cref="AuthOptions.TokenRefreshInterval"/>
/// to pick up tokens made or revoked on other servers, and writes last-used times every
/// <see cref="AuthOptions.LastUsedFlushInterval"/> and once more on shutdown. Where the store can signal revocations
/// (PostgreSQL LISTEN/NOTIFY) a token revoked on another server is refused here as soon as the signal arrives, and its
/// open event streams are closed; the periodic reload stays as the fallback for a lost signal.
/// </summary>
internal sealed class TokenCacheMaintenance(TokenCache cache, ITokenStore store, IOptions<AuthOptions> options, ILogger<TokenCacheMaintenance> logger) : BackgroundService
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
            EveryAsync(options.Value.LastUsedFlushInterval, FlushQuietlyAsync, stoppingToken),
            store is ITokenRevocationSignal signal ? ListenAsync(signal, stoppingToken) : Task.CompletedTask);

    private async Task ListenAsync(ITokenRevocationSignal signal, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var tokenId in signal.ListenForRevocationsAsync(stoppingToken))
                {
                    cache.Forget(tokenId);
                    logger.LogInformation("Token {TokenId} was revoked on another server; refusing it here too", tokenId);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The listening connection dropped. Reload once it is back, since a revocation may have been missed
                // meanwhile; until then the periodic reload covers the gap.
                logger.LogWarning(exception, "Lost the token revocation signal from the store; reconnecting in 1 s.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await ReloadQuietlyAsync(stoppingToken);
            }
        }
    }

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
