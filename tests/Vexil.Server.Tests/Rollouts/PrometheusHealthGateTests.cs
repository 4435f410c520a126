using System.Globalization;
using Vexil.Server.Notifications.Routing;
using Vexil.Server.Rollouts;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Telemetry;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// The health gate against a real Prometheus (Debian's 2.42) scraping a small exporter the test controls, with the
/// HTTP error ratio query docs/rollouts.md shows. Mid-plan the exporter's error rate goes up: the flag goes back to the
/// previous step, the plan pauses, the announcement is queued and the audit entry carries the values. The plan's own
/// waits run on a fake clock; Prometheus runs in real time, scraping every second.
/// </summary>
public sealed class PrometheusHealthGateTests
{
    private const string Flag = RolloutHarness.Flag;
    private const string Query = "sum(rate(app_http_requests_total{code=~\"5..\"}[5s])) / sum(rate(app_http_requests_total[5s]))";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a bound against hanging, not a speed check

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rising_error_ratio_in_prometheus_rolls_the_plan_back_to_the_previous_step()
    {
        var binary = PrometheusProcess.RequireBinary();
        await using var exporter = await LocalReceiver.StartAsync(Cancel);
        var exported = new Exporter();
        exporter.Respond("/metrics", _ => Task.FromResult(new ReceiverAnswer(200, exported.Scrape(), "text/plain; version=0.0.4")));
        await using var prometheus = await PrometheusProcess.StartAsync(binary, exporter.BaseAddress, "unused", Cancel);
        await prometheus.QueryUntilAsync(Query, result => result[0].Value == 0, Patience, Cancel);

        await using var harness = await RolloutHarness.StartAsync(
            new Dictionary<string, string?> { ["Vexil:Rollouts:Checks:error_rate:Query"] = Query },
            prometheusUrl: prometheus.Address.ToString());
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m --actors --check error_rate");
        Assert.Equal(0, (await harness.PlanAsync()).Baselines["error_rate"]);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(15));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(15));
        Assert.Equal(25, harness.Percent());

        exported.ErrorsPerScrape = 20; // 20 of every 100 requests fail
        await prometheus.QueryUntilAsync(Query, result => result[0].Value > 0.05, Patience, Cancel);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(10, harness.Percent());
        var plan = await harness.PlanAsync();
        Assert.Equal(RolloutStatus.Paused, plan.Status);
        Assert.StartsWith("Rolled back from 25% to 10%: check error_rate = 0.", plan.Reason, StringComparison.Ordinal);

        var rollback = (await harness.RolloutEventsAsync())[^1];
        Assert.True(double.Parse(rollback.Details["check_value"], CultureInfo.InvariantCulture) > 0.05);
        Assert.Equal(Query, rollback.Details["check_query"]);
        Assert.Equal("<= 0.01", rollback.Details["check_threshold"]);
        var announced = (await harness.DeliveriesAsync()).Where(delivery => delivery.EventId == rollback.Id).Select(delivery => delivery.Target).ToArray();
        Assert.Contains(NotificationTargets.ProductionChannel, announced);
        Assert.Contains(NotificationTargets.ForTeam("group::duo chat"), announced);
    }

    // Counters that grow by 100 requests per scrape, ErrorsPerScrape of them answered 500.
    private sealed class Exporter
    {
        private readonly Lock gate = new();
        private long ok;
        private long errors;

        public int ErrorsPerScrape { get; set; }

        public string Scrape()
        {
            lock (gate)
            {
                errors += ErrorsPerScrape;
                ok += 100 - ErrorsPerScrape;
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"# TYPE app_http_requests_total counter\napp_http_requests_total{{code=\"200\"}} {ok}\napp_http_requests_total{{code=\"500\"}} {errors}\n");
            }
        }
    }
}
