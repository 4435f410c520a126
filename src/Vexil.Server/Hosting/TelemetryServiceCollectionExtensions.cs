using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vexil.Server.Api.Ofrep;
using Vexil.Server.Snapshots;
using Vexil.Server.Hosting;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Telemetry;

// The ASP.NET Core convention for Add extensions: composing the server needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers metrics (served at <c>/metrics</c>, and over OTLP when configured) and traces (over OTLP when configured).</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name reported in traces and OTLP metrics unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "vexil-server";

    /// <summary>The standard variable that points every OpenTelemetry exporter at a collector.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Meters of the framework and libraries the server uses: HTTP requests by route and status, Kestrel connections,
    // outgoing HTTP (notifications, health checks), and the runtime's memory, GC and thread pool (built into .NET 9+).
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Runtime",
    ];

    /// <summary>Adds OpenTelemetry with the Prometheus exporter, the server's own instruments, and OTLP when configured.</summary>
    public static IServiceCollection AddVexilTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        services.AddSingleton<OfrepEvaluationCounters>();
        services.AddSingleton<OfrepEventStreamGauge>();
        services.AddSingleton<SnapshotAgeGauge>();
        services.AddSingleton<Vexil.Server.Changes.ChangeMetrics>();

        // Observable instruments exist once their owner is made; make them at start, before the first scrape.
        services.AddHostedService<InstrumentStartup>();

        var otlp = OtlpTarget.From(configuration);
        var telemetry = services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString()));
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(VexilMeter.Name, StoreCallMetrics.MeterName)
                .AddMeter(FrameworkMeters)
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0); // scrapes are rare: always current numbers
            if (otlp is not null)
            {
                metrics.AddOtlpExporter(exporter => otlp.Apply(exporter, "v1/metrics"));
            }
        });

        // Traces cost an Activity per request, the OFREP hot path included: recorded only when something receives them.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments(MetricsEndpoint.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(exporter => otlp.Apply(exporter, "v1/traces")));
        }

        return services;
    }

    /// <summary>Where OTLP goes: <c>Vexil:Telemetry:Otlp</c>, else the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
    private sealed record OtlpTarget(Uri? Endpoint, OtlpExportProtocol? Protocol)
    {
        public static OtlpTarget? From(IConfiguration configuration)
        {
            var section = configuration.GetSection(TelemetryOptions.Section).GetSection("Otlp");
            var endpoint = section["Endpoint"];
            var protocol = section["Protocol"]?.Trim().ToLowerInvariant() switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => (OtlpExportProtocol?)OtlpExportProtocol.HttpProtobuf,
                _ => null, // empty, or invalid: TelemetryOptionsValidator stops the start with a message
            };
            if (!string.IsNullOrWhiteSpace(endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            {
                return new OtlpTarget(uri, protocol);
            }

            // The exporter reads the standard variables itself (and appends the signal paths for http/protobuf).
            return string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]) ? null : new OtlpTarget(null, protocol);
        }

        public void Apply(OtlpExporterOptions exporter, string signalPath)
        {
            if (Protocol is { } protocol)
            {
                exporter.Protocol = protocol;
            }

            if (Endpoint is { } endpoint)
            {
                // Set in code, the endpoint is used as given; over http/protobuf each signal has its own path.
                exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
                    ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
                    : endpoint;
            }
        }
    }
}
