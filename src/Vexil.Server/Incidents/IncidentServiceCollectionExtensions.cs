using Microsoft.Extensions.Options;
using Vexil.Server.Incidents;
using Vexil.Server.Incidents.Postgres;
using Vexil.Server.Incidents.Sqlite;
using Vexil.Server.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the incident store on the database the flag store uses.</summary>
public static class IncidentServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IIncidentStore"/> for <c>Vexil:Database:Provider</c> on
    /// <c>ConnectionStrings:Vexil</c>. Its tables come with the flag store's migrations, so call after
    /// <c>AddVexilStorage</c>.
    /// </summary>
    public static IServiceCollection AddVexilIncidents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IIncidentStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            IIncidentStore store = options.Provider == StorageOptions.Postgres
                ? new PostgresIncidentStore(options.ConnectionString, time)
                : new SqliteIncidentStore(options.ConnectionString, time);
            return new GuardedIncidentStore(store, options.Provider);
        });
        return services;
    }
}
