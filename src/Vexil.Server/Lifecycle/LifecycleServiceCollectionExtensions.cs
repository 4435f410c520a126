using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.Lifecycle;
using Vexil.Server.Notifications.StaleFlags;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the flag lifecycle: lifetimes and staleness, reference counts, the stale-flag monitor.</summary>
public static class LifecycleServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="LifecycleOptions"/> and adds the lifecycle services.</summary>
    public static IServiceCollection AddVexilLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LifecycleOptions>().Bind(configuration.GetSection(LifecycleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LifecycleOptions>, LifecycleOptionsValidator>();

        services.AddSingleton<IEvaluationActivity, StoredEvaluationActivity>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FlagReferenceCounts>();
        services.AddSingleton<StaleFlagFinder>();
        services.AddSingleton<RepositoryReferenceScanner>();
        services.AddSingleton<Vexil.Server.Repository.IRepositoryFetchListener, ReferenceScanAfterFetch>();
        services.AddSingleton<Vexil.Server.Api.Transfer.FlagImporter>();
        services.AddHttpClient(TeamChannelStaleAnnouncer.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IStaleFlagAnnouncer, TeamChannelStaleAnnouncer>();
        services.AddSingleton<StaleFlagMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<StaleFlagMonitor>());
        return services;
    }
}
