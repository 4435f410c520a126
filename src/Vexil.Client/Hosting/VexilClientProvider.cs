using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vexil.Client.Hosting;

/// <summary>
/// Connects the application's one <see cref="VexilClient"/> once and hands it out. The hosted service connects it at
/// start; code that resolves the client before the host starts waits for the same connection (at most
/// <see cref="VexilClientOptions.ConnectTimeout"/>, since an unreachable server does not fail the connection).
/// </summary>
public sealed class VexilClientProvider : IAsyncDisposable
{
    private readonly Lazy<Task<VexilClient>> connection;

    /// <summary>Creates the provider.</summary>
    public VexilClientProvider(IOptions<VexilClientOptions> options, ILoggerFactory loggerFactory)
    {
        connection = new Lazy<Task<VexilClient>>(() => VexilClient.ConnectAsync(options.Value, loggerFactory, httpClient: null, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The connected client.</summary>
    public Task<VexilClient> GetClientAsync() => connection.Value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated)
        {
            await (await connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
