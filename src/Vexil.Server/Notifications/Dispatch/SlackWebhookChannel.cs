using System.Text;
using Microsoft.Extensions.Options;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>Posts messages to Slack-compatible incoming webhooks (the production, team and QA channels).</summary>
public sealed class SlackWebhookChannel(IHttpClientFactory clients, IOptions<NotificationOptions> options) : IDeliveryChannel
{
    /// <inheritdoc />
    public string Kind => DeliveryKinds.Slack;

    /// <inheritdoc />
    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (NotificationTargets.FindSlackUrl(delivery.Target, options.Value) is not { } url)
        {
            return DeliveryOutcome.GiveUp($"'{delivery.Target}' is no longer configured under {NotificationOptions.Section}; configure it again and requeue the delivery.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        var (outcome, _) = await DeliveryHttp.SendAsync(clients.CreateClient(DeliveryHttp.HttpClientName), request, cancellationToken);
        return outcome;
    }

    /// <inheritdoc />
    public NewDelivery? WhenDeadLettered(Delivery delivery, string error) => null;
}
