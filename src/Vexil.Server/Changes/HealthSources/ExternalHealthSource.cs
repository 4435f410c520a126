using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Changes.HealthSources;

/// <summary>
/// Asks an external service (<c>Vexil:ProductionCheck:Url</c>), as GitLab's ChatOps asks its release-tools pipeline:
/// POSTs the change as JSON and expects <c>{"safe": bool, "reasons": [...]}</c> within
/// <c>Vexil:ProductionCheck:Timeout</c> (300 seconds by default). Anything else (an error status, another body, no
/// answer in time) counts against the change.
/// </summary>
public sealed class ExternalHealthSource(IHttpClientFactory clients, IOptions<ProductionCheckOptions> options, ILogger<ExternalHealthSource> logger)
    : IHealthSource
{
    /// <summary>The named <see cref="HttpClient"/> this source uses; its own timeout is off, the source enforces the configured one.</summary>
    public const string HttpClientName = "Vexil.ProductionCheck";

    private readonly Uri? url = options.Value.ParseUrl();
    private readonly TimeSpan timeout = options.Value.ParseTimeout() ?? ProductionCheckOptions.DefaultTimeout;

    /// <inheritdoc />
    public string Name => "external production";

    /// <inheritdoc />
    public TimeSpan MaximumDuration => url is null ? TimeSpan.Zero : timeout;

    /// <inheritdoc />
    public async Task<HealthReport> CheckAsync(ProductionCheckRequest request, CancellationToken cancellationToken)
    {
        if (url is null)
        {
            return HealthReport.Healthy;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(url, request, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                return HealthReport.Problem($"The production check at {url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var answer = await response.Content.ReadFromJsonAsync<ExternalCheckAnswer>(deadline.Token);
            if (answer?.Safe is not { } safe)
            {
                return HealthReport.Problem($"The production check at {url} answered without a \"safe\" field; it must answer {{\"safe\": true|false, \"reasons\": [...]}}.");
            }

            if (safe)
            {
                return HealthReport.Healthy;
            }

            var reasons = answer.Reasons?.Where(reason => !string.IsNullOrWhiteSpace(reason)).ToArray() ?? [];
            return new HealthReport(reasons.Length > 0 ? reasons : [$"The production check at {url} says production must not change now."]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The production check at {Url} did not answer within {Timeout}", url, timeout);
            return new HealthReport([], TimedOut: true);
        }
        catch (HttpRequestException exception)
        {
            return HealthReport.Problem($"The production check at {url} could not be reached: {exception.Message}");
        }
        catch (JsonException)
        {
            return HealthReport.Problem($"The production check at {url} did not answer JSON of the form {{\"safe\": true|false, \"reasons\": [...]}}.");
        }
    }
}
