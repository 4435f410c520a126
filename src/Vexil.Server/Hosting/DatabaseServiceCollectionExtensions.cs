using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vexil.Server.ChatOps.Replays;
using Vexil.Server.ChatOps.Replays.Postgres;
using Vexil.Server.ChatOps.Replays.Sqlite;
using Vexil.Server.Deployments;
using Vexil.Server.Deployments.Postgres;
using Vexil.Server.Deployments.Sqlite;
using Vexil.Server.Evaluations;
using Vexil.Server.Evaluations.Postgres;
using Vexil.Server.Evaluations.Sqlite;
using Vexil.Server.Incidents;
using Vexil.Server.Incidents.Postgres;
using Vexil.Server.Incidents.Sqlite;
using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Postgres;
using Vexil.Server.Rollouts.Sqlite;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Deliveries.Postgres;
using Vexil.Server.Notifications.Deliveries.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The one place that chooses the database provider. It lives with the composition root, not in <c>Storage/</c>,
/// because it names every feature's store, and Storage knows none of the features.
/// </summary>
public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Vexil:Database:Provider</c> (<c>sqlite</c>, the default, or <c>postgres</c>) and
    /// <c>ConnectionStrings:Vexil</c> (default <c>Data Source=data/vexil.db</c>), and registers one database handle
    /// (<see cref="SqliteDatabase"/> or <see cref="PostgresDatabase"/>) and, on it, every store: flags, tokens, incidents
    /// and change locks, deployments, notification deliveries and seen chat requests, each behind its deadline guard where it has
    /// one. Also registers the hosted service that initializes the database at start-up: it creates the SQLite file's
    /// folder (<c>data/</c>) and applies migrations, so a database Vexil cannot use stops the server before it listens.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is not one Vexil knows, or PostgreSQL has no connection string.</exception>
    public static IServiceCollection AddVexilDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(StorageOptions.Section);
        var provider = (section[nameof(StorageOptions.Provider)] ?? StorageOptions.Sqlite).Trim().ToLowerInvariant();
        if (provider is not (StorageOptions.Sqlite or StorageOptions.Postgres))
        {
            // Checked here rather than at first use so a typo stops the server before it listens.
            throw new InvalidOperationException(
                $"Vexil:Database:Provider is '{provider}', which Vexil does not know; set it to '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}'.");
        }

        var connectionString = configuration.GetConnectionString("Vexil");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == StorageOptions.Postgres)
            {
                throw new InvalidOperationException(
                    "Vexil:Database:Provider is 'postgres' but ConnectionStrings:Vexil is not set; set it to a PostgreSQL connection string.");
            }

            connectionString = StorageOptions.DefaultConnectionString;
        }

        services.AddOptions<StorageOptions>()
            .Bind(section)
            .Configure(options =>
            {
                options.Provider = provider;
                options.ConnectionString = connectionString;
            });

        // One clock for every store; tests replace it.
        services.TryAddSingleton(TimeProvider.System);
        if (provider == StorageOptions.Postgres)
        {
            AddPostgresStores(services);
        }
        else
        {
            AddSqliteStores(services);
        }

        services.AddSingleton<StoreReadiness>();
        if (section.GetValue(nameof(StorageOptions.MigrateOnStartup), true))
        {
            services.AddHostedService<StorageInitializer>();
        }

        return services;
    }

    private static void AddSqliteStores(IServiceCollection services)
    {
        // The container owns the handle and disposes it (its pool and write gate) when the host stops.
        services.AddSingleton(provider => new SqliteDatabase(ConnectionString(provider)));
        services.AddSingleton<IFlagStore>(provider => GuardedFlagStore.Wrap(
            new SqliteFlagStore(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<ILogger<SqliteFlagStore>>(), Clock(provider))));
        services.AddSingleton<ITokenStore>(provider => GuardedTokenStore.Wrap(
            new SqliteTokenStore(provider.GetRequiredService<SqliteDatabase>(), Clock(provider))));
        services.AddSingleton<IIncidentStore>(provider => new GuardedIncidentStore(
            new SqliteIncidentStore(provider.GetRequiredService<SqliteDatabase>(), Clock(provider)), StorageOptions.Sqlite));
        services.AddSingleton<IDeploymentStore>(provider => new GuardedDeploymentStore(
            new SqliteDeploymentStore(provider.GetRequiredService<SqliteDatabase>()), StorageOptions.Sqlite));
        services.AddSingleton<INotificationDeliveryStore>(provider => new GuardedDeliveryStore(
            new SqliteDeliveryStore(provider.GetRequiredService<SqliteDatabase>()), StorageOptions.Sqlite));
        services.AddSingleton<ISeenRequestStore>(provider =>
            new SqliteSeenRequestStore(provider.GetRequiredService<SqliteDatabase>(), Clock(provider)));
        services.AddSingleton<IRolloutStore>(provider => new SqliteRolloutStore(provider.GetRequiredService<SqliteDatabase>(), Clock(provider)));
        services.AddSingleton<IEvaluationCountStore>(provider => new GuardedEvaluationCountStore(
            new SqliteEvaluationCountStore(provider.GetRequiredService<SqliteDatabase>()), StorageOptions.Sqlite));
    }

    private static void AddPostgresStores(IServiceCollection services)
    {
        // The container owns the handle and disposes it (the one connection pool) when the host stops.
        services.AddSingleton(provider => new PostgresDatabase(ConnectionString(provider)));
        services.AddSingleton<IFlagStore>(provider => GuardedFlagStore.Wrap(
            new PostgresFlagStore(provider.GetRequiredService<PostgresDatabase>(), provider.GetRequiredService<ILogger<PostgresFlagStore>>(), Clock(provider))));
        services.AddSingleton<ITokenStore>(provider => GuardedTokenStore.Wrap(
            new PostgresTokenStore(provider.GetRequiredService<PostgresDatabase>(), Clock(provider))));
        services.AddSingleton<IIncidentStore>(provider => new GuardedIncidentStore(
            new PostgresIncidentStore(provider.GetRequiredService<PostgresDatabase>(), Clock(provider)), StorageOptions.Postgres));
        services.AddSingleton<IDeploymentStore>(provider => new GuardedDeploymentStore(
            new PostgresDeploymentStore(provider.GetRequiredService<PostgresDatabase>()), StorageOptions.Postgres));
        services.AddSingleton<INotificationDeliveryStore>(provider => new GuardedDeliveryStore(
            new PostgresDeliveryStore(provider.GetRequiredService<PostgresDatabase>()), StorageOptions.Postgres));
        services.AddSingleton<ISeenRequestStore>(provider =>
            new PostgresSeenRequestStore(provider.GetRequiredService<PostgresDatabase>(), Clock(provider)));
        services.AddSingleton<IRolloutStore>(provider => new PostgresRolloutStore(provider.GetRequiredService<PostgresDatabase>(), Clock(provider)));
        services.AddSingleton<IEvaluationCountStore>(provider => new GuardedEvaluationCountStore(
            new PostgresEvaluationCountStore(provider.GetRequiredService<PostgresDatabase>()), StorageOptions.Postgres));
    }

    private static string ConnectionString(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;

    private static TimeProvider Clock(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();
}
