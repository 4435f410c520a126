using Microsoft.Extensions.Options;

namespace Vexil.Server.Telemetry;

/// <summary>Checks <c>Vexil:Telemetry</c> at start-up, so a wrong collector address stops the server with a message naming it.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <summary>The protocols <c>Vexil:Telemetry:Otlp:Protocol</c> takes, as OpenTelemetry spells them.</summary>
    public static readonly IReadOnlyList<string> Protocols = ["grpc", "http/protobuf"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        var endpoint = options.Otlp.Endpoint;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{TelemetryOptions.Section}:Otlp:Endpoint is '{endpoint}', which is not an http or https address; set the collector's address, such as http://otel-collector:4317, or remove the key.");
        }

        var protocol = options.Otlp.Protocol;
        if (!string.IsNullOrWhiteSpace(protocol) && !Protocols.Contains(protocol.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{TelemetryOptions.Section}:Otlp:Protocol is '{protocol}'; use {string.Join(" or ", Protocols)}, or remove the key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
