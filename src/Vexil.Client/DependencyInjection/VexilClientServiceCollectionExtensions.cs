using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Client;
using Vexil.Client.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Vexil client in an application's services.</summary>
public static class VexilClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Vexil client configured from <paramref name="configuration"/> (usually <c>configuration.GetSection("Vexil")</c>):
    /// options checked at start, a hosted service that connects and disposes the client, a health check named
    /// <c>vexil</c>, and the client itself as a singleton.
    /// </summary>
    public static IServiceCollection AddVexil(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VexilClientOptions>().Bind(configuration).ValidateOnStart();
        return services.AddVexilServices();
    }

    /// <summary>Adds the Vexil client configured in code.</summary>
    public static IServiceCollection AddVexil(this IServiceCollection services, Action<VexilClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<VexilClientOptions>().Configure(configure).ValidateOnStart();
        return services.AddVexilServices();
    }

    private static IServiceCollection AddVexilServices(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VexilClientOptions>, VexilClientOptionsValidator>());
        services.TryAddSingleton<VexilClientProvider>();

        // Resolving the client before the host started waits for the connection, which never outlasts ConnectTimeout.
        services.TryAddSingleton(provider => provider.GetRequiredService<VexilClientProvider>().GetClientAsync().GetAwaiter().GetResult());
        services.AddHostedService<VexilHostedService>();
        services.AddHealthChecks().AddCheck<VexilHealthCheck>("vexil", tags: ["vexil"]);
        return services;
    }
}
