using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Vexil.Client.Hosting;

/// <summary>Connects the client when the host starts and disposes it (sending the last evaluation counts) when it stops.</summary>
public sealed class VexilHostedService(VexilClientProvider provider, IOptions<VexilClientOptions> options) : IHostedService
{
    private IDisposable? requestActors;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RequestActorPerHttpRequest)
        {
            requestActors = DiagnosticListener.AllListeners.Subscribe(new RequestActorDiagnostics());
        }

        await provider.GetClientAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        requestActors?.Dispose();
        await provider.DisposeAsync().ConfigureAwait(false);
    }
}
