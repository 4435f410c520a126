using Microsoft.Extensions.Options;
using Vexil.Server.Leadership;
using Vexil.Server.Leadership.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the leader election that suits the configured database.</summary>
public static class LeadershipServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Vexil:Leadership</c> (validated at start) and registers <see cref="ILeaderElection"/>: advisory locks on
    /// PostgreSQL, where several replicas may share the database; with SQLite, one process that always leads. Call after
    /// <c>AddVexilDatabase</c>.
    /// </summary>
    public static IServiceCollection AddVexilLeadership(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LeadershipOptions>().Bind(configuration.GetSection(LeadershipOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LeadershipOptions>, LeadershipOptionsValidator>();
        services.AddSingleton<ILeaderElection>(provider =>
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageOptions.Postgres
                ? new PostgresLeaderElection(
                    provider.GetRequiredService<PostgresDatabase>(),
                    provider.GetRequiredService<IOptions<LeadershipOptions>>(),
                    provider.GetRequiredService<ILogger<PostgresLeaderElection>>())
                : new SingleProcessLeaderElection());
        return services;
    }
}
