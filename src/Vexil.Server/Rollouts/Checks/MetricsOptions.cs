namespace Vexil.Server.Rollouts.Checks;

/// <summary><c>Vexil:Metrics</c>: the Prometheus that rollout health checks ask.</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Metrics";

    /// <summary>Prometheus's base address, e.g. <c>http://prometheus:9090</c>; its HTTP API (<c>/api/v1/query</c>) is used. Unset: plans cannot name checks.</summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>The base address; null when unset or not an absolute http(s) URL.</summary>
    public Uri? ParseUrl() =>
        string.IsNullOrWhiteSpace(PrometheusUrl) ? null
        : Uri.TryCreate(PrometheusUrl.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : null;
}
