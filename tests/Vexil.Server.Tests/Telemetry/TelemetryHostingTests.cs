using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>What the telemetry set-up turns on, and the open-stream gauge of a real server.</summary>
[Collection(MetricsCollection.Name)]
public sealed class TelemetryHostingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Traces_are_recorded_only_when_an_otlp_endpoint_is_configured()
    {
        using var without = new VexilServerFactory();
        using var with = VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:4317" });

        Assert.Null(without.Services.GetService<TracerProvider>());
        Assert.NotNull(with.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void A_collector_address_that_is_not_http_stops_the_start_naming_the_key()
    {
        var error = VexilServerFactory.StartupFailure<OptionsValidationException>(
            () => VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:Telemetry:Otlp:Endpoint"] = "collector:4317" }));

        Assert.NotNull(error);
        Assert.Contains("Vexil:Telemetry:Otlp:Endpoint is 'collector:4317', which is not an http or https address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_event_streams_are_counted_while_open()
    {
        using var factory = new OfrepServerFactory();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net against a hang, not a timing assertion
        Assert.Equal(0, await OpenStreamsAsync(factory));

        var response = await factory.CreateBearerClient().GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        await events.ReadBlockAsync(deadline.Token);
        Assert.Equal(1, await OpenStreamsAsync(factory));

        events.Dispose();
        response.Dispose();
        while (await OpenStreamsAsync(factory) > 0)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private static async Task<double> OpenStreamsAsync(VexilServerFactory factory)
    {
        using var response = await factory.CreateAdminClient().GetAsync("/metrics", Cancel);
        return PrometheusText.Value(await response.Content.ReadAsStringAsync(Cancel), "vexil_ofrep_event_streams") ?? 0;
    }
}
