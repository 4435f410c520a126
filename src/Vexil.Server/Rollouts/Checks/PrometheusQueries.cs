using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Rollouts.Checks;

/// <summary>
/// Asks Prometheus's HTTP API (<c>GET /api/v1/query</c>) for one number. Every way a query can go wrong comes back as a
/// <see cref="PrometheusAnswer.Problem"/> sentence rather than an exception: a health check that cannot be evaluated
/// is a state the plan handles (it fails after its grace), not an error.
/// </summary>
public sealed class PrometheusQueries(IHttpClientFactory clients, IOptions<MetricsOptions> options)
{
    /// <summary>The named HTTP client.</summary>
    public const string HttpClientName = "vexil-prometheus";

    /// <summary>Runs an instant query.</summary>
    public async Task<PrometheusAnswer> QueryAsync(string query, CancellationToken cancellationToken)
    {
        if (options.Value.ParseUrl() is not { } baseUrl)
        {
            return new PrometheusAnswer(null, $"{MetricsOptions.Section}:PrometheusUrl is not set.");
        }

        var client = clients.CreateClient(HttpClientName);
        var url = new Uri(baseUrl, "api/v1/query?query=" + Uri.EscapeDataString(query));
        string body;
        int status;
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return new PrometheusAnswer(null, $"Prometheus at {baseUrl} did not answer ({exception.Message}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PrometheusAnswer(null, $"Prometheus at {baseUrl} did not answer within {client.Timeout.TotalSeconds:0} s.");
        }

        return Interpret(status, body);
    }

    /// <summary>Reads an API answer: exactly one sample (a vector of one series, or a scalar) that is a finite number.</summary>
    public static PrometheusAnswer Interpret(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("status", out var state) && state.GetString() == "error")
            {
                var error = root.TryGetProperty("error", out var text) ? text.GetString() : "no reason given";
                return new PrometheusAnswer(null, $"Prometheus refused the query (HTTP {status}): {error}.");
            }

            var data = root.GetProperty("data");
            var type = data.GetProperty("resultType").GetString();
            var result = data.GetProperty("result");
            JsonElement sample;
            if (type == "scalar")
            {
                sample = result;
            }
            else if (type == "vector")
            {
                var count = result.GetArrayLength();
                if (count != 1)
                {
                    return new PrometheusAnswer(null, count == 0
                        ? "The query returned no series; check the metric names and labels, or whether the service has traffic."
                        : $"The query returned {count} series; aggregate it to one number, e.g. with sum(...).");
                }

                sample = result[0].GetProperty("value");
            }
            else
            {
                return new PrometheusAnswer(null, $"The query returned a {type}; write an instant query that returns one number.");
            }

            var value = double.Parse(sample[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(value)
                ? new PrometheusAnswer(value, null)
                : new PrometheusAnswer(null, $"The query returned {sample[1].GetString()} (e.g. a ratio with no traffic).");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return new PrometheusAnswer(null, $"Prometheus's answer (HTTP {status}) is not a query result.");
        }
    }
}
