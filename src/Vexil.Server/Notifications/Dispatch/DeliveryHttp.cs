using System.Net;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Sends one notification request and classifies the answer: 2xx delivered; 408, 425, 429 and 5xx, no answer in time,
/// or no connection are worth a retry; any other 4xx means the request itself is wrong (a revoked webhook, a bad
/// token) and retrying cannot help.
/// </summary>
public static class DeliveryHttp
{
    /// <summary>The named <see cref="HttpClient"/> notifications use; its timeout is <c>Vexil:Notifications:Delivery:Timeout</c>.</summary>
    public const string HttpClientName = "Vexil.Notifications";

    private const int MaxBodyShown = 200;

    /// <summary>Sends the request; returns the outcome and, when delivered, the answer's body (for the pipeline URL).</summary>
    public static async Task<(DeliveryOutcome Outcome, string? Body)> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (DeliveryOutcome.Success(code), body);
            }

            var error = $"HTTP {code} {response.ReasonPhrase}{Shown(body)}";
            return (IsWorthRetrying(response.StatusCode) ? DeliveryOutcome.Retry(error, code) : DeliveryOutcome.GiveUp(error, code), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (DeliveryOutcome.Retry($"No answer within {client.Timeout.TotalSeconds:0.###} s."), null);
        }
        catch (HttpRequestException exception)
        {
            return (DeliveryOutcome.Retry($"Could not reach the receiver: {exception.Message}"), null);
        }
    }

    private static bool IsWorthRetrying(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or (HttpStatusCode)425 || (int)status >= 500;

    private static string Shown(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        return ": " + (trimmed.Length <= MaxBodyShown ? trimmed : string.Concat(trimmed.AsSpan(0, MaxBodyShown), "…"));
    }
}
