using System.Text.Json;
using Microsoft.Extensions.Options;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Starts the end-to-end test pipeline: a form POST to <c>Vexil:Notifications:EndToEnd:TriggerUrl</c> with
/// <c>token</c>, <c>ref</c> and <c>variables[...]</c>, as GitLab's pipeline trigger API takes it. The outcome goes to
/// the QA channel in GitLab's words: "An end-to-end test pipeline has been triggered: &lt;web_url&gt;", or, once the
/// trigger is given up, "Failed to trigger end-to-end test pipeline: &lt;reason&gt;".
/// </summary>
public sealed class EndToEndTriggerChannel(IHttpClientFactory clients, IOptions<NotificationOptions> options) : IDeliveryChannel
{
    /// <inheritdoc />
    public string Kind => DeliveryKinds.EndToEnd;

    /// <inheritdoc />
    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value.EndToEnd;
        if (NotificationOptionsValidator.ParseUrl(settings.TriggerUrl) is not { } url)
        {
            return DeliveryOutcome.GiveUp($"{NotificationOptions.Section}:EndToEnd:TriggerUrl is no longer configured; configure it again and requeue the delivery.");
        }

        var payload = Read(delivery);
        var fields = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(settings.Token))
        {
            fields.Add(new("token", settings.Token));
        }

        fields.Add(new("ref", settings.Ref));
        fields.AddRange(payload.Variables.Select(variable => new KeyValuePair<string, string>($"variables[{variable.Key}]", variable.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        var (outcome, body) = await DeliveryHttp.SendAsync(clients.CreateClient(DeliveryHttp.HttpClientName), request, cancellationToken);
        if (!outcome.Delivered)
        {
            return outcome;
        }

        return outcome with { FollowUp = QaMessage(AnnouncementMessages.EndToEndTriggered(payload.Title, PipelineUrl(body))) };
    }

    /// <inheritdoc />
    public NewDelivery? WhenDeadLettered(Delivery delivery, string error)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return QaMessage(AnnouncementMessages.EndToEndFailed(Read(delivery).Title, error));
    }

    private NewDelivery? QaMessage(string message) =>
        options.Value.QaChannel.IsConfigured ? new NewDelivery(DeliveryKinds.Slack, NotificationTargets.QaChannel, message) : null;

    private static EndToEndPayload Read(Delivery delivery) =>
        JsonSerializer.Deserialize<EndToEndPayload>(delivery.Payload, NotificationJson.Options)
        ?? throw new InvalidDataException($"Delivery {delivery.Id} has no end-to-end payload.");

    // GitLab answers the trigger with the pipeline, whose page is web_url; another trigger service may not.
    private static string? PipelineUrl(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("web_url", out var webUrl)
                && webUrl.ValueKind == JsonValueKind.String
                    ? webUrl.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
