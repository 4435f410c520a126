using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the durable store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IFlagStore"/> chosen by <c>Vexil:Database:Provider</c> (<c>sqlite</c>, the
    /// default, or <c>postgres</c>) on <c>ConnectionStrings:Vexil</c> (default <c>Data Source=data/vexil.db</c>), and a
    /// hosted service that initializes it at start-up: it creates the SQLite file's folder (<c>data/</c>) and applies
    /// migrations, so a database Vexil cannot use stops the server before it listens.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is not one Vexil knows.</exception>
    public static IServiceCollection AddVexilStorage(this IServiceCollection services, IConfiguration configuration)
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

        services.AddSingleton<IFlagStore>(serviceProvider =>
        {
            var options = serviceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = serviceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            var loggers = serviceProvider.GetRequiredService<ILoggerFactory>();
            IFlagStore store = options.Provider == StorageOptions.Postgres
                ? new PostgresFlagStore(options.ConnectionString, loggers.CreateLogger<PostgresFlagStore>(), time)
                : new SqliteFlagStore(options.ConnectionString, loggers.CreateLogger<SqliteFlagStore>(), time);

            // Every call gets a deadline and reports an outage as StoreUnavailableException (503 at the API).
            return GuardedFlagStore.Wrap(store);
        });

        services.AddSingleton<StoreReadiness>();
        if (section.GetValue(nameof(StorageOptions.MigrateOnStartup), true))
        {
            services.AddHostedService<StorageInitializer>();
        }

        return services;
    }
}
