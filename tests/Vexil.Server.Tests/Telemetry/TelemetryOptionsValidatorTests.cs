using Vexil.Server.Telemetry;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("http://otel-collector:4317", "grpc")]
    [InlineData("https://collector.example.com:4318", "http/protobuf")]
    public void Valid_settings_pass(string? endpoint, string? protocol) =>
        Assert.True(Validate(endpoint, protocol).Succeeded);

    [Theory]
    [InlineData("otel-collector:4317", null, "Vexil:Telemetry:Otlp:Endpoint is 'otel-collector:4317', which is not an http or https address; set the collector's address, such as http://otel-collector:4317, or remove the key.")]
    [InlineData("http://collector:4317", "http/json", "Vexil:Telemetry:Otlp:Protocol is 'http/json'; use grpc or http/protobuf, or remove the key.")]
    public void Invalid_settings_say_which_key_and_what_to_do(string? endpoint, string? protocol, string message) =>
        Assert.Equal([message], Validate(endpoint, protocol).Failures);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? endpoint, string? protocol) =>
        new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { Otlp = new OtlpTelemetryOptions { Endpoint = endpoint, Protocol = protocol } });
}
