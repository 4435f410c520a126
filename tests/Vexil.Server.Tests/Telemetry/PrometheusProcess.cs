using System.Diagnostics;
using System.Text.Json;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, 2.42) on a free loopback port, with its own configuration and
/// its own storage in a temporary folder, removed on dispose. Without the binary, tests using it are skipped, unless
/// <c>VEXIL_REQUIRE_PROMETHEUS=1</c> (CI), where a missing Prometheus is a failure.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    /// <summary>Set to 1 to make a missing Prometheus fail the tests instead of skipping them.</summary>
    public const string RequireVariable = "VEXIL_REQUIRE_PROMETHEUS";

    /// <summary>Overrides where the binary is looked for.</summary>
    public const string BinaryVariable = "VEXIL_PROMETHEUS";

    private readonly ChildProcess process;

    private PrometheusProcess(ChildProcess process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>Prometheus's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>What Prometheus printed so far, for failure messages.</summary>
    public string Output => process.Output;

    /// <summary>The binary, or a skip (a failure with <see cref="RequireVariable"/>=1) when it is not installed.</summary>
    public static string RequireBinary()
    {
        var binary = Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } configured ? configured : "/usr/bin/prometheus";
        if (File.Exists(binary))
        {
            return binary;
        }

        var why = $"Prometheus was not found at {binary}; install Debian's prometheus package (or set {BinaryVariable}) to run this test.";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{why} ({RequireVariable}=1 makes this a failure rather than a skip.)");
        }

        Assert.Skip(why);
        return null!;
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> every second with a bearer token.</summary>
    public static async Task<PrometheusProcess> StartAsync(string binary, Uri target, string bearerToken, CancellationToken cancellationToken)
    {
        var folder = ChildProcess.NewFolder("vexil-prometheus");
        var configuration = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(
            configuration,
            $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: vexil
                metrics_path: /metrics
                authorization:
                  type: Bearer
                  credentials: {bearerToken}
                static_configs:
                  - targets: ['{target.Authority}']
            """,
            cancellationToken);

        var address = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/");
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={configuration}",
                $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address={address.Authority}",
                "--log.level=warn",
            },
        };
        return new PrometheusProcess(ChildProcess.Start(start, folder), address);
    }

    /// <summary>
    /// Runs an instant query until it returns at least one series for which <paramref name="accept"/> holds, or
    /// <paramref name="timeout"/> passes (then fails, with what Prometheus last answered and printed).
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryUntilAsync(
        string query,
        Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> accept,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var last = "(no answer yet)";
        while (true)
        {
            try
            {
                last = await http.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString(query)}", cancellationToken);
                var result = Parse(last);
                if (result.Count > 0 && accept(result))
                {
                    return result;
                }
            }
            catch (HttpRequestException exception)
            {
                last = $"{exception.GetType().Name}: {exception.Message}"; // still starting
            }

            if (process.HasExited || deadline.Elapsed > timeout)
            {
                Assert.Fail($"Prometheus gave no acceptable answer to {query} within {timeout.TotalSeconds} s (exited: {process.HasExited}). Last answer: {last}\nPrometheus said:\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static List<(IReadOnlyDictionary<string, string> Labels, double Value)> Parse(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var series = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var item in json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            var value = double.Parse(item.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            series.Add((labels, value));
        }

        return series;
    }
}
