using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vexil.Server.Definitions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the flag definitions component.</summary>
public static class DefinitionServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DefinitionOptions"/> from <c>Vexil:Definitions</c>, resolves relative folders against the
    /// host's content root, and registers <see cref="DefinitionRegistry"/> as a singleton that is also a hosted
    /// service (so definitions load, and watching starts, with the server).
    /// </summary>
    public static IServiceCollection AddVexilDefinitions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(DefinitionOptions.Section);
        services.AddOptions<DefinitionOptions>()
            .Bind(section)
            .Configure(options =>
            {
                // `Vexil__Definitions__Paths=examples/feature_flags` sets a single string, which the binder would
                // silently ignore for a list; accept it as a one-folder list.
                var single = section[nameof(DefinitionOptions.Paths)];
                if (!string.IsNullOrWhiteSpace(single) && options.Paths.Count == 0)
                {
                    options.Paths.Add(single);
                }
            })
            .PostConfigure<IServiceProvider>((options, provider) =>
            {
                var contentRoot = provider.GetService<IHostEnvironment>()?.ContentRootPath;
                if (string.IsNullOrEmpty(contentRoot))
                {
                    return;
                }

                for (var i = 0; i < options.Paths.Count; i++)
                {
                    if (!string.IsNullOrWhiteSpace(options.Paths[i]) && !Path.IsPathFullyQualified(options.Paths[i]))
                    {
                        options.Paths[i] = Path.GetFullPath(options.Paths[i], contentRoot);
                    }
                }
            });

        services.AddSingleton<DefinitionRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<DefinitionRegistry>());
        return services;
    }
}
