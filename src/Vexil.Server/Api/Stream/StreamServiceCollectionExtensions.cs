using Microsoft.Extensions.Options;
using Vexil.Server.Api.ChangeStream;
using Vexil.Server.Snapshots;

// The ASP.NET Core convention for Add extensions: composing the server needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the change feed and the endpoints built on it.</summary>
public static class StreamServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>Vexil:Stream</c> (<see cref="StreamOptions"/>, checked at start-up), the <see cref="ChangeFeed"/>,
    /// and the snapshot and stream endpoints that <c>MapVexilStream</c> maps.
    /// </summary>
    public static IServiceCollection AddVexilStream(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StreamOptions>().Bind(configuration.GetSection(StreamOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamOptions>, StreamOptionsValidator>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<SnapshotDocuments>();
        services.AddSingleton<SnapshotEndpoint>();
        services.AddSingleton<StreamLimits>();
        services.AddSingleton<StreamHeartbeats>();
        services.AddHostedService(provider => provider.GetRequiredService<StreamHeartbeats>());
        services.AddSingleton<StreamEndpoint>();
        return services;
    }
}
