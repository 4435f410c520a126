using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Vexil.Server.Api.Ofrep;
using Vexil.Server.Auth;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.FeatureGroups;
using Vexil.Server.Snapshots;
using Vexil.Server.Telemetry;

// The ASP.NET Core convention for Add extensions: composing the server needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OpenFeature Remote Evaluation Protocol (OFREP) endpoints and what they share.</summary>
public static class OfrepServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>Vexil:Ofrep</c> (<see cref="OfrepOptions"/>, checked at start-up), the event-stream tickets, the
    /// per-environment answer tables and the three endpoints that <c>MapOfrep</c> maps.
    /// </summary>
    public static IServiceCollection AddVexilOfrep(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OfrepOptions>().Bind(configuration.GetSection(OfrepOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfrepOptions>, OfrepOptionsValidator>();

        services.AddSingleton(provider => new OfrepEventTickets(
            Options(provider).EventStreamKey, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(provider => new OfrepFlagTables(
            provider.GetRequiredService<SnapshotCache>(),
            provider.GetRequiredService<DefinitionRegistry>(),
            provider.GetRequiredService<EnvironmentCatalog>(),
            ConfigurationFingerprint(configuration, provider.GetRequiredService<OfrepEventTickets>()),
            provider.GetRequiredService<OfrepEvaluationCounters>()));
        services.AddSingleton(provider => new OfrepEventStreamLimits(Options(provider).EventStreams, provider.GetRequiredService<OfrepEventStreamGauge>()));
        services.AddSingleton(provider => new OfrepSingleEvaluationEndpoint(
            provider.GetRequiredService<OfrepFlagTables>(), provider.GetRequiredService<EnvironmentCatalog>(), Options(provider)));
        services.AddSingleton(provider => new OfrepBulkEvaluationEndpoint(
            provider.GetRequiredService<OfrepFlagTables>(),
            provider.GetRequiredService<EnvironmentCatalog>(),
            provider.GetRequiredService<OfrepEventTickets>(),
            Options(provider)));
        services.AddSingleton(provider => new OfrepEventStreamEndpoint(
            provider.GetRequiredService<SnapshotCache>(),
            provider.GetRequiredService<ChangeFeed>(),
            provider.GetRequiredService<EnvironmentCatalog>(),
            provider.GetRequiredService<OfrepEventTickets>(),
            Options(provider),
            provider.GetRequiredService<OfrepEventStreamLimits>(),
            provider.GetRequiredService<TokenCache>(),
            provider.GetRequiredService<IHostApplicationLifetime>()));
        return services;
    }

    // The endpoints read the options once: they are fixed for the life of the process, and the hot path should not pay
    // for IOptions on every request.
    private static OfrepOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<OfrepOptions>>().Value;

    // What changes answers without changing any snapshot's sequence: feature-group members (read from configuration
    // at start-up) and the ticket key (bulk answers carry tickets). Replicas with the same configuration agree on it.
    private static byte[] ConfigurationFingerprint(IConfiguration configuration, OfrepEventTickets tickets)
    {
        var text = new StringBuilder();
        var groups = configuration.GetSection(FeatureGroupConfiguration.Section).AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal);
        foreach (var (key, value) in groups)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return [.. SHA256.HashData(bytes), .. tickets.KeyTag];
    }
}
