using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vexil.Client.Hosting;

/// <summary>
/// Reports the client's sync: healthy when in sync, degraded when answering from stale flags (the application still
/// works, with the last known states), unhealthy with no flags at all (every flag answers false).
/// </summary>
public sealed class VexilHealthCheck(VexilClientProvider provider) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = await provider.GetClientAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["sequence"] = client.Sequence, ["status"] = client.Status.ToString() };
        return client.Status switch
        {
            VexilClientStatus.Ready => HealthCheckResult.Healthy("Vexil flags are in sync with the server.", data),
            VexilClientStatus.Stale => HealthCheckResult.Degraded("Vexil flags come from a saved or last-known snapshot; the server is not reachable.", data: data),
            VexilClientStatus.Empty => HealthCheckResult.Unhealthy("Vexil has no flags yet (server unreachable, no saved snapshot): every flag answers false.", data: data),
            _ => HealthCheckResult.Unhealthy("The Vexil client was disposed.", data: data),
        };
    }
}
