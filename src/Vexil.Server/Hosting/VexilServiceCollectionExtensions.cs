using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Vexil.Server.Api;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Commands;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.FeatureGroups;
using Vexil.Server.Hosting;
using Vexil.Server.Hosting.Logging;
using Vexil.Server.Hosting.Memory;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Composes the service: one place that says what the server is made of.</summary>
public static class VexilServiceCollectionExtensions
{
    /// <summary>Registers everything the server needs.</summary>
    public static IServiceCollection AddVexilServer(this IServiceCollection services, IConfiguration configuration)
    {
        // Secrets in query strings (private_token, access_token, event-stream tickets) never reach a log.
        services.AddVexilLogRedaction();

        // Order matters for hosted services: migrate the store, then load snapshots, then follow other replicas.
        services.AddVexilDatabase(configuration);
        services.AddVexilLeadership(configuration);
        services.AddVexilDefinitions(configuration);

        services.AddOptions<EnvironmentOptions>().Bind(configuration.GetSection(EnvironmentOptions.Section));
        services.AddSingleton<EnvironmentCatalog>();
        services.AddSingleton(_ => FeatureGroupConfiguration.Load(configuration));

        services.AddVexilStream(configuration);
        services.AddSingleton<SnapshotCache>();
        services.AddHostedService<SnapshotLoader>();
        services.AddOptions<SnapshotSyncOptions>().Bind(configuration.GetSection(SnapshotSyncOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SnapshotSyncOptions>, SnapshotSyncOptionsValidator>();
        services.AddSingleton<SyncStatus>();
        services.AddHostedService<SnapshotSyncService>();
        services.AddSingleton<ChangeProjector>();
        services.AddSingleton<DefinitionGuard>();
        services.AddSingleton<ProductionCheckGuard>();
        services.AddSingleton<ConsistencyGuard>();
        services.AddSingleton<DeploymentGuard>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<FlagChangeService>();
        services.AddVexilCommands(configuration);
        services.AddVexilChatOps(configuration).AddVexilNotifications(configuration);
        services.AddVexilGitLabInstance(configuration);
        services.AddVexilRollouts(configuration);
        services.AddVexilRepository(configuration);
        services.AddVexilLifecycle(configuration);

        services.AddVexilAuth(configuration);
        services.AddVexilOfrep(configuration);
        services.AddVexilDashboard(configuration);
        services.AddVexilTelemetry(configuration);

        // An idle server's garbage would otherwise wait many minutes for a collection (Hosting/Memory/IdleCollection).
        services.AddOptions<IdleCollectionOptions>().Bind(configuration.GetSection(IdleCollectionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdleCollectionOptions>, IdleCollectionOptionsValidator>();
        services.AddSingleton<IdleCollection>();
        services.AddHostedService(provider => provider.GetRequiredService<IdleCollection>());

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Fill);

        // Binding failures throw, so BadRequestExceptionHandler can say what was wrong instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StoreUnavailableExceptionHandler>();

        // Bad input and an outage are answered (and the outage logged in one line) by those handlers: no "unhandled
        // exception" with a stack trace for every such request.
        services.Configure<ExceptionHandlerOptions>(options =>
            options.SuppressDiagnosticsCallback = context => context.Exception is StoreUnavailableException or BadHttpRequestException);

        // A JSON key given twice ({"name": "a", "name": "b"}) is refused rather than the last one silently winning.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        services.AddOpenApi();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        return services;
    }
}
