using System.Text;
using System.Text.Json.Nodes;

namespace Vexil.Server.ChatOps;

/// <summary>
/// Posts a later answer to a slash command's <c>response_url</c>. A failure to reach the chat server is retried twice
/// (after 1 and 3 seconds); an answer of 4xx (Slack's <c>expired_url</c>, <c>used_url</c>) is final. The command's
/// outcome never depends on this: it is already decided, and recorded in the audit log.
/// </summary>
public sealed class ResponseUrlSender(IHttpClientFactory clients, TimeProvider time, ILogger<ResponseUrlSender> logger)
{
    /// <summary>The named <see cref="HttpClient"/>: 10-second timeout, no redirects.</summary>
    public const string HttpClientName = "Vexil.ChatOps.ResponseUrl";

    private static readonly TimeSpan[] Waits = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>Posts the message; true when the chat server accepted it.</summary>
    public async Task<bool> PostAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        var json = message.ToJsonString(ChatJson.Options);
        var client = clients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            string problem;
            try
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(responseUrl, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if ((int)response.StatusCode < 500)
                {
                    logger.LogWarning("The chat server refused the answer posted to response_url {Host}: {Problem}", responseUrl.Host, problem);
                    return false;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problem = exception.Message;
            }

            if (attempt >= Waits.Length)
            {
                logger.LogWarning("Could not post the answer to response_url {Host} after {Attempts} attempts: {Problem}", responseUrl.Host, attempt + 1, problem);
                return false;
            }

            await Task.Delay(Waits[attempt], time, cancellationToken);
        }
    }
}
