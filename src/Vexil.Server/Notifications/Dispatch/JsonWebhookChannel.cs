using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Posts the change event JSON to a generic webhook, signed with its secret (<see cref="WebhookSignature"/>) at the
/// moment of sending, and with <c>X-Vexil-Delivery</c> so a receiver can recognise a retry.
/// </summary>
public sealed class JsonWebhookChannel(IHttpClientFactory clients, IOptions<NotificationOptions> options, TimeProvider time) : IDeliveryChannel
{
    /// <summary>The header naming the delivery; the same on every retry of it.</summary>
    public const string DeliveryHeader = "X-Vexil-Delivery";

    /// <inheritdoc />
    public string Kind => DeliveryKinds.Webhook;

    /// <inheritdoc />
    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (NotificationTargets.FindWebhook(delivery.Target, options.Value) is not { } webhook
            || NotificationOptionsValidator.ParseUrl(webhook.Url) is not { } url)
        {
            return DeliveryOutcome.GiveUp($"'{delivery.Target}' is no longer configured under {NotificationOptions.Section}:Webhooks; configure it again and requeue the delivery.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(webhook.Secret, timestamp, delivery.Payload));
        }

        var (outcome, _) = await DeliveryHttp.SendAsync(clients.CreateClient(DeliveryHttp.HttpClientName), request, cancellationToken);
        return outcome;
    }

    /// <inheritdoc />
    public NewDelivery? WhenDeadLettered(Delivery delivery, string error) => null;
}
