using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary><c>GET /metrics</c>: who may scrape it, and what the server's own instruments count.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests(VexilServerFactory factory) : IClassFixture<VexilServerFactory>
{
    private const string Flag = "duo_chat_multi_thread";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_token_metrics_are_401_with_a_bearer_challenge_saying_what_to_send()
    {
        using var response = await factory.CreateClient().GetAsync("/metrics", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        var detail = (await TokenApi.JsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("--kind metrics", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_token_may_not_scrape()
    {
        var (_, secret) = await TokenApi.CreateAsync(factory.CreateAdminClient(), $"reader-{Guid.NewGuid():N}", "read");

        using var response = await Bearer(secret).GetAsync("/metrics", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("Metrics need a metrics or admin token;", (await TokenApi.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_and_admin_tokens_scrape_the_prometheus_text_format()
    {
        var metrics = await MetricsTokenAsync();

        foreach (var client in new[] { Bearer(metrics), factory.CreateAdminClient() })
        {
            using var response = await client.GetAsync("/metrics", Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("# TYPE vexil_snapshot_age_seconds gauge", text, StringComparison.Ordinal);
            Assert.NotNull(PrometheusText.Value(text, "vexil_snapshot_age_seconds", ("environment", "production")));
            Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/v1/audit", "application/problem+json")]
    [InlineData("/api/v1/definitions", "application/problem+json")]
    [InlineData("/api/v4/features", "application/json")]
    public async Task A_metrics_token_is_refused_everywhere_but_metrics(string path, string mediaType)
    {
        var metrics = await MetricsTokenAsync();

        using var response = await Bearer(metrics).GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is a metrics token: it may only read /metrics. Use a read, write or admin token for this.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metrics_token_may_probe_health()
    {
        using var response = await Bearer(await MetricsTokenAsync()).GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_metrics_token_cannot_evaluate_over_ofrep()
    {
        var metrics = await MetricsTokenAsync();

        using var response = await Bearer(metrics).PostAsync($"/ofrep/v1/evaluate/flags/{Flag}", Json("""{"context":{"targetingKey":"User:1"}}"""), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await TokenApi.JsonAsync(response);
        Assert.Equal("GENERAL", error.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Ofrep_evaluations_are_counted_per_flag_environment_value_and_reason()
    {
        var admin = factory.CreateAdminClient();
        var environment = "staging-ref";
        var before = await EvaluationsAsync(environment);

        for (var i = 0; i < 3; i++)
        {
            using var single = await admin.PostAsync($"/ofrep/v1/evaluate/flags/{Flag}?environment={environment}", Json("""{"context":{"targetingKey":"User:1"}}"""), Cancel);
            Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        }

        using var bulk = await admin.PostAsync($"/ofrep/v1/evaluate/flags?environment={environment}", Json("""{"context":{"targetingKey":"User:1"}}"""), Cancel);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);

        // The flag is defined, not stored, and off by default: a static "false".
        Assert.Equal(before + 4, await EvaluationsAsync(environment));
    }

    [Fact]
    public async Task Changes_and_refusals_are_counted_by_environment()
    {
        var admin = factory.CreateAdminClient();
        var text = await ScrapeAsync();
        var changesBefore = PrometheusText.Value(text, "vexil_flag_changes_total", ("environment", "dev")) ?? 0;
        var refusalsBefore = PrometheusText.Value(text, "vexil_flag_change_refusals_total", ("environment", "production"), ("guard", "consistency_check")) ?? 0;

        // On in dev is a change; on in production while staging is off is refused by the consistency check.
        using var accepted = await admin.PostAsync($"/api/v4/features/{Flag}?environment=dev", Form("value=true"), Cancel);
        using var refused = await admin.PostAsync($"/api/v4/features/{Flag}?environment=production", Form("value=true"), Cancel);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        text = await ScrapeAsync();
        Assert.Equal(changesBefore + 1, PrometheusText.Value(text, "vexil_flag_changes_total", ("environment", "dev")));
        Assert.Equal(refusalsBefore + 1, PrometheusText.Value(text, "vexil_flag_change_refusals_total", ("environment", "production"), ("guard", "consistency_check")));
        Assert.True(PrometheusText.Value(text, "vexil_store_call_duration_seconds_count", ("provider", "sqlite"), ("kind", "write"), ("outcome", "ok")) >= 1);
        Assert.Contains(
            PrometheusText.Samples(text, "http_server_request_duration_seconds_count"),
            sample => sample.Labels.Contains("http_route=\"/api/v4/features/{**name}\"", StringComparison.Ordinal)
                      && sample.Labels.Contains("http_response_status_code=\"201\"", StringComparison.Ordinal));
    }

    private async Task<double> EvaluationsAsync(string environment) =>
        PrometheusText.Value(await ScrapeAsync(), "vexil_flag_evaluations_total", ("flag", Flag), ("environment", environment), ("value", "false"), ("reason", "STATIC")) ?? 0;

    private async Task<string> ScrapeAsync()
    {
        using var response = await factory.CreateAdminClient().GetAsync("/metrics", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private async Task<string> MetricsTokenAsync() =>
        (await TokenApi.CreateAsync(factory.CreateAdminClient(), $"prometheus-{Guid.NewGuid():N}", "metrics")).Secret;

    private HttpClient Bearer(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent Form(string form) => new(form, Encoding.UTF8, "application/x-www-form-urlencoded");
}
