using Vexil.Server.Definitions;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Hosting;

/// <summary>
/// Fills the snapshot cache once the store is migrated (hosted services start in registration order), and rebuilds
/// it when the definitions change, since a definition's <c>default_enabled</c> answers for flags without state.
/// </summary>
internal sealed class SnapshotLoader(SnapshotCache cache, DefinitionRegistry definitions, ILogger<SnapshotLoader> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await cache.LoadAllAsync(cancellationToken);
        definitions.Changed += OnDefinitionsChanged;
        logger.LogInformation("Snapshots loaded for every environment");
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        definitions.Changed -= OnDefinitionsChanged;
        return Task.CompletedTask;
    }

    private async void OnDefinitionsChanged(object? sender, DefinitionCatalogChangedEventArgs e)
    {
        try
        {
            await cache.LoadAllAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // An async void handler must not throw: keep serving the previous snapshots and say why.
            logger.LogError(exception, "Could not rebuild snapshots after the definitions changed; serving the previous ones.");
        }
    }
}
