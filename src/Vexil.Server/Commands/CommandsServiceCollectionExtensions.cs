using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Release;
using Vexil.Server.Commands.DoorPolicies;
using Vexil.Server.Changes.HealthSources;
using Vexil.Server.Incidents;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>feature</c> command, its policies, the production check, and incidents and change locks.</summary>
public static class CommandsServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything behind <see cref="FeatureCommandExecutor"/>. Reads <c>Vexil:ChatOps</c>,
    /// <c>Vexil:ProductionCheck</c> and <c>Vexil:Commands</c>; a bad production-check URL or timeout stops start-up.
    /// Call after the storage, environments and snapshots are registered.
    /// </summary>
    public static IServiceCollection AddVexilCommands(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ChatOpsPolicyOptions>().Bind(configuration.GetSection(ChatOpsPolicyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatOpsPolicyOptions>, ChatOpsPolicyOptionsValidator>();
        services.AddOptions<CommandOptions>().Bind(configuration.GetSection(CommandOptions.Section));
        services.AddOptions<ProductionCheckOptions>()
            .Bind(configuration.GetSection(ProductionCheckOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProductionCheckOptions>, ProductionCheckOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The check enforces its own deadline (Vexil:ProductionCheck:Timeout), which may exceed HttpClient's 100 s default.
        services.AddHttpClient(ExternalHealthSource.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.AddSingleton<IHealthSource, IncidentHealthSource>();
        services.AddSingleton<IHealthSource, ChangeLockHealthSource>();
        services.AddSingleton<IHealthSource, ExternalHealthSource>();
        services.AddSingleton<IProductionCheck, ProductionCheck>();

        services.AddSingleton<TokenRightsPolicy>();
        services.AddSingleton<ProductionChannelPolicy>();
        services.AddSingleton<ProductionUsersPolicy>();
        services.AddSingleton<DoorPolicyOrder>();

        services.AddSingleton<FeatureCommandParser>();
        services.AddSingleton<ConsistencyScope>();
        services.AddSingleton<ChangeRunner>();
        services.AddSingleton<SetCommandHandler>();
        services.AddSingleton<DeleteCommandHandler>();
        services.AddSingleton<GetCommandHandler>();
        services.AddSingleton<ListCommandHandler>();
        services.AddSingleton<RolloutCommandHandler>();
        services.AddSingleton<ChecklistCommandHandler>();
        services.AddSingleton<CleanupCommandHandler>();
        services.AddSingleton<FeatureCommandExecutor>();
        services.AddSingleton<MirrorCommits>();
        services.AddSingleton<AutoDeployStatusHandler>();
        services.AddSingleton<ReleaseCheckHandler>();
        services.AddSingleton<ReleaseCommandExecutor>();
        return services;
    }
}
