using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.Lifecycle;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the flag lifecycle: lifetimes and staleness, reference counts, the stale-flag monitor.</summary>
public static class LifecycleServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="LifecycleOptions"/> and adds the lifecycle services.</summary>
    public static IServiceCollection AddVexilLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LifecycleOptions>().Bind(configuration.GetSection(LifecycleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LifecycleOptions>, LifecycleOptionsValidator>();

        // The SDK metrics work registers the real source of evaluation counts; without it the rule stays off.
        services.TryAddSingleton<IEvaluationActivity, NoEvaluationActivity>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FlagReferenceCounts>();
        services.AddSingleton<StaleFlagFinder>();
        services.AddSingleton<Vexil.Server.Lifecycle.Transfer.FlagImporter>();
        return services;
    }
}
