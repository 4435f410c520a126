using System.Security.Cryptography;
using System.Text;
using Vexil.Server.Auth;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.FeatureGroups;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.Ofrep;

/// <summary>Maps the OpenFeature Remote Evaluation Protocol (OFREP 0.3.0) endpoints.</summary>
public static class OfrepEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /ofrep/v1/evaluate/flags/{key}</c>, <c>POST /ofrep/v1/evaluate/flags</c> and the event stream
    /// <c>GET /ofrep/v1/events</c>, configured from <c>Vexil:Ofrep</c> (<see cref="OfrepOptions"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A <c>Vexil:Ofrep</c> setting is out of range.</exception>
    public static IEndpointRouteBuilder MapOfrep(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = ReadOptions(configuration);
        var environments = services.GetRequiredService<EnvironmentCatalog>();
        var snapshots = services.GetRequiredService<SnapshotCache>();
        var tickets = new OfrepEventTickets(options.EventStreamKey, services.GetService<TimeProvider>() ?? TimeProvider.System);
        var tables = new OfrepFlagTables(
            snapshots,
            services.GetRequiredService<DefinitionRegistry>(),
            environments,
            ConfigurationFingerprint(configuration, tickets),
            services.GetRequiredService<OfrepEvaluationCounters>());

        var single = new OfrepSingleEvaluationEndpoint(tables, environments, options);
        var bulk = new OfrepBulkEvaluationEndpoint(tables, environments, tickets, options);
        var events = new OfrepEventStreamEndpoint(
            snapshots,
            services.GetRequiredService<ChangeBroadcaster>(),
            environments,
            tickets,
            options,
            new OfrepEventStreamLimits(options.EventStreams, services.GetRequiredService<OfrepEventStreamGauge>()),
            services.GetRequiredService<TokenCache>(),
            services.GetRequiredService<IHostApplicationLifetime>());

        endpoints.MapPost("/ofrep/v1/evaluate/flags/{key}", single.HandleAsync)
            .WithTags("OFREP")
            .WithSummary("Evaluates one flag for an evaluation context (OFREP).");
        endpoints.MapPost("/ofrep/v1/evaluate/flags", bulk.HandleAsync)
            .WithTags("OFREP")
            .WithSummary("Evaluates every flag of the environment for an evaluation context (OFREP bulk, with ETag).");
        endpoints.MapGet(OfrepEventStreamEndpoint.Path, events.HandleAsync)
            .WithTags("OFREP")
            .WithSummary("Server-sent events telling OFREP providers to re-fetch when the environment changes.");
        return endpoints;
    }

    private static OfrepOptions ReadOptions(IConfiguration configuration)
    {
        var options = new OfrepOptions();
        configuration.GetSection(OfrepOptions.Section).Bind(options);
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{OfrepOptions.Section}:HeartbeatInterval is {options.HeartbeatInterval}; set a positive interval such as 00:00:15.");
        }

        if (options.MaxActors < 1)
        {
            throw new InvalidOperationException($"{OfrepOptions.Section}:MaxActors is {options.MaxActors}; set at least 1.");
        }

        if (options.InactivityDelaySeconds < 1)
        {
            throw new InvalidOperationException($"{OfrepOptions.Section}:InactivityDelaySeconds is {options.InactivityDelaySeconds}; set at least 1.");
        }

        if (options.EventStreams.MaxPerToken < 1 || options.EventStreams.MaxPerAddress < 1)
        {
            throw new InvalidOperationException(
                $"{OfrepOptions.Section}:EventStreams:MaxPerToken is {options.EventStreams.MaxPerToken} and MaxPerAddress is {options.EventStreams.MaxPerAddress}; set both to at least 1.");
        }

        return options;
    }

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
