using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Checks;
using Vexil.Server.Rollouts.Checklist;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers guarded rollouts: the plan engine and runner, the health checks against Prometheus, and the live checklist.</summary>
public static class RolloutsServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything behind <c>Vexil:Rollouts</c> and <c>Vexil:Metrics</c>; invalid settings stop start-up with a
    /// sentence naming the key. The plan store is registered with the database (<c>AddVexilDatabase</c>). Plans move
    /// on the replica that leads the <c>rollouts</c> lock (<see cref="ElectedRolloutLeadership"/>); tests register their
    /// own <see cref="IRolloutLeadership"/> first. Call after <c>AddVexilLeadership</c>.
    /// </summary>
    public static IServiceCollection AddVexilRollouts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddOptions<RolloutOptions>().Bind(configuration.GetSection(RolloutOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RolloutOptions>, RolloutOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(PrometheusQueries.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.AddSingleton<PrometheusQueries>();
        services.AddSingleton<HealthGate>();
        services.TryAddSingleton<IRolloutLeadership, ElectedRolloutLeadership>();
        services.AddSingleton<RolloutEngine>();
        services.AddHostedService<RolloutRunner>();
        services.AddSingleton<FlagChecklist>();
        return services;
    }

    /// <summary>Maps <c>/api/v1/rollouts</c> and <c>/api/v1/flags/{name}/checklist</c>.</summary>
    public static IEndpointRouteBuilder MapVexilRollouts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Vexil.Server.Rollouts.Api.RolloutsApi.Map(app);
        Vexil.Server.Rollouts.Api.ChecklistApi.Map(app);
        return app;
    }
}
