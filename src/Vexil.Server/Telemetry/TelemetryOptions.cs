namespace Vexil.Server.Telemetry;

/// <summary><c>Vexil:Telemetry</c>: where traces and metrics go besides <c>/metrics</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Telemetry";

    /// <summary>The OTLP exporter; off unless an endpoint is configured here or in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public OtlpTelemetryOptions Otlp { get; set; } = new();
}

/// <summary><c>Vexil:Telemetry:Otlp</c>.</summary>
public sealed class OtlpTelemetryOptions
{
    /// <summary>The collector's address, e.g. <c>http://otel-collector:4317</c>; empty to use <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or none.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317, the default) or <c>http/protobuf</c> (port 4318); empty to use <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</summary>
    public string? Protocol { get; set; }
}
