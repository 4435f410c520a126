using Microsoft.Extensions.Options;

namespace Vexil.Server.Rollouts.Checks;

/// <summary>Checks <c>Vexil:Metrics</c> at start-up, so a wrong Prometheus address stops the server with a message naming it.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        !string.IsNullOrWhiteSpace(options.PrometheusUrl) && options.ParseUrl() is null
            ? ValidateOptionsResult.Fail($"{MetricsOptions.Section}:PrometheusUrl is '{options.PrometheusUrl}', which is not an absolute http or https URL; set Prometheus's address, e.g. http://prometheus:9090, or remove the key.")
            : ValidateOptionsResult.Success;
}
