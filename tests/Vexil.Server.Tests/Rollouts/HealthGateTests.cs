using Microsoft.Extensions.Options;
using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Checks;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>Reading Prometheus's answers, and the start-up checks of the rollout settings.</summary>
public sealed class HealthGateTests
{
    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.25"]}]}}""", 0.25, null)]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1,"3"]}}""", 3.0, null)]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[]}}""", null, "The query returned no series; check the metric names and labels, or whether the service has traffic.")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]}]}}""", null, "The query returned 2 series; aggregate it to one number, e.g. with sum(...).")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}""", null, "The query returned NaN (e.g. a ratio with no traffic).")]
    [InlineData("""{"status":"error","errorType":"bad_data","error":"parse error at char 5"}""", null, "Prometheus refused the query (HTTP 400): parse error at char 5.")]
    [InlineData("<html>proxy error</html>", null, "Prometheus's answer (HTTP 400) is not a query result.")]
    public void Prometheus_answers_become_one_number_or_a_reason(string body, double? value, string? problem)
    {
        var answer = PrometheusQueries.Interpret(body.Contains("success", StringComparison.Ordinal) ? 200 : 400, body);
        Assert.Equal(value, answer.Value);
        Assert.Equal(problem, answer.Problem);
    }

    [Fact]
    public void Bad_rollout_settings_are_refused_at_start_up_naming_each_key()
    {
        var options = new RolloutOptions
        {
            CheckInterval = "often",
            RollbackTo = "sideways",
            Checks = new(StringComparer.OrdinalIgnoreCase)
            {
                ["Error-Rate"] = new RolloutCheckOptions { Query = "x", Max = "0.01" },
                ["latency"] = new RolloutCheckOptions { Query = " ", Max = "high", MaxIncrease = "-1", Grace = "a while" },
                ["saturation"] = new RolloutCheckOptions { Query = "y" },
            },
        };
        var result = new RolloutOptionsValidator(Options.Create(new MetricsOptions())).Validate(null, options);
        Assert.Equal(
            [
                "Vexil:Rollouts:CheckInterval is 'often'; set a positive duration such as 1m or 30s.",
                "Vexil:Rollouts:RollbackTo is 'sideways'; use 'previous' (back to the last step that held) or 'off'.",
                "Vexil:Rollouts:Checks names 3 check(s) but Vexil:Metrics:PrometheusUrl is not set; set Prometheus's address, e.g. http://prometheus:9090.",
                "Vexil:Rollouts:Checks:Error-Rate: the name 'Error-Rate' is not usable in --check; use lower-case letters, digits and underscores, e.g. error_rate.",
                "Vexil:Rollouts:Checks:latency:Query is empty; set PromQL that returns one number, e.g. sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])).",
                "Vexil:Rollouts:Checks:latency:Max is 'high', which is not a number; write it like 0.01.",
                "Vexil:Rollouts:Checks:latency:MaxIncrease is '-1'; set a fraction of zero or more, e.g. 0.2 for 20% above the baseline.",
                "Vexil:Rollouts:Checks:latency:Grace is 'a while'; set a duration such as 5m or 90s (0s fails an unevaluable check at once).",
                "Vexil:Rollouts:Checks:saturation has neither Max nor MaxIncrease; set an absolute bound (Max: 0.01) or a rise over the baseline (MaxIncrease: 0.2 for 20%).",
            ],
            result.Failures);
    }

    [Fact]
    public void A_prometheus_url_that_is_not_http_is_refused()
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { PrometheusUrl = "prometheus:9090" });
        Assert.Equal(
            "Vexil:Metrics:PrometheusUrl is 'prometheus:9090', which is not an absolute http or https URL; set Prometheus's address, e.g. http://prometheus:9090, or remove the key.",
            Assert.Single(result.Failures!));
    }
}
