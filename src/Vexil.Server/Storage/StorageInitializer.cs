using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vexil.Server.Storage;

/// <summary>
/// Runs <see cref="IFlagStore.InitializeAsync"/> when the host starts, before the server takes requests: a database
/// that is not Vexil's, or is newer than this build, stops the start-up with its <see cref="StoreSchemaException"/>.
/// </summary>
internal sealed class StorageInitializer(IFlagStore store, StoreReadiness readiness, ILogger<StorageInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (readiness.Initialized)
        {
            return;
        }

        try
        {
            await store.InitializeAsync(cancellationToken);
            readiness.Initialized = true;
            logger.LogInformation("The {Provider} store is ready", store.Provider);
        }
        catch (StoreSchemaException exception)
        {
            logger.LogCritical("Vexil cannot use its database: {Problem}", exception.Message);
            throw;
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
