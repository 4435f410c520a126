using System.Net;
using System.Net.Http.Json;
using System.Text;
using Vexil.Server.Tests.Auth;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>
/// A real Prometheus scrapes a real server process with a metrics token, and its HTTP API returns the server's series:
/// the scrape configuration operators copy from docs/operations.md works end to end.
/// </summary>
public sealed class PrometheusScrapeTests
{
    // Generous: Prometheus starts in about a second and scrapes every second here; this bounds a broken set-up only.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prometheus_scrapes_the_server_with_a_metrics_token_and_serves_its_series()
    {
        var binary = PrometheusProcess.RequireBinary();
        await using var server = await RealServerProcess.StartAsync(cancellationToken: Cancel);
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        admin.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
        var (_, metricsToken) = await TokenApi.CreateAsync(admin, "prometheus", "metrics");

        // Five evaluations in staging, one change in dev, one refusal in production.
        for (var i = 0; i < 5; i++)
        {
            using var evaluation = await admin.PostAsync(
                "/ofrep/v1/evaluate/flags/duo_chat_multi_thread?environment=staging",
                new StringContent("""{"context":{"targetingKey":"User:1"}}""", Encoding.UTF8, "application/json"),
                Cancel);
            Assert.Equal(HttpStatusCode.OK, evaluation.StatusCode);
        }

        using var change = await admin.PostAsync("/api/v4/features/duo_chat_multi_thread?environment=dev", Form("value=true"), Cancel);
        Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        using var refusal = await admin.PostAsync("/api/v4/features/duo_chat_multi_thread?environment=production", Form("value=true"), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refusal.StatusCode);

        await using var prometheus = await PrometheusProcess.StartAsync(binary, server.BaseAddress, metricsToken, Cancel);

        var up = await prometheus.QueryUntilAsync("up{job=\"vexil\"}", result => result.Any(s => s.Value == 1), Patience, Cancel);
        Assert.Equal(1, Assert.Single(up).Value);

        var evaluations = await prometheus.QueryUntilAsync(
            "vexil_flag_evaluations_total{flag=\"duo_chat_multi_thread\",environment=\"staging\"}",
            result => result.Sum(s => s.Value) >= 5,
            Patience,
            Cancel);
        var series = Assert.Single(evaluations);
        Assert.Equal(5, series.Value);
        Assert.Equal("false", series.Labels["value"]);
        Assert.Equal("STATIC", series.Labels["reason"]);

        var changes = await prometheus.QueryUntilAsync("vexil_flag_changes_total{environment=\"dev\"}", _ => true, Patience, Cancel);
        Assert.Equal(1, Assert.Single(changes).Value);
        var refusals = await prometheus.QueryUntilAsync("vexil_flag_change_refusals_total{environment=\"production\"}", _ => true, Patience, Cancel);
        Assert.Equal("consistency_check", Assert.Single(refusals).Labels["guard"]);

        // The framework's and runtime's series come through the same scrape.
        await prometheus.QueryUntilAsync("http_server_request_duration_seconds_count{http_route=\"/ofrep/v1/evaluate/flags/{key}\"}", result => result.Sum(s => s.Value) >= 5, Patience, Cancel);
        await prometheus.QueryUntilAsync("vexil_snapshot_age_seconds{environment=\"production\"}", _ => true, Patience, Cancel);
        await prometheus.QueryUntilAsync("dotnet_gc_heap_total_allocated_bytes_total", result => result[0].Value > 0, Patience, Cancel);
    }

    [Fact]
    public async Task A_read_token_in_prometheus_gets_the_target_marked_down()
    {
        var binary = PrometheusProcess.RequireBinary();
        await using var server = await RealServerProcess.StartAsync(cancellationToken: Cancel);
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        admin.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
        var (_, readToken) = await TokenApi.CreateAsync(admin, "not-for-metrics", "read");

        await using var prometheus = await PrometheusProcess.StartAsync(binary, server.BaseAddress, readToken, Cancel);

        var up = await prometheus.QueryUntilAsync("up{job=\"vexil\"}", _ => true, Patience, Cancel);
        Assert.Equal(0, Assert.Single(up).Value);
    }

    private static StringContent Form(string form) => new(form, Encoding.UTF8, "application/x-www-form-urlencoded");
}
