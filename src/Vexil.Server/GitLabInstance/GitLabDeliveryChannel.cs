using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Notifications.Routing;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// Sends GitLab deliveries through the REST API v4, authenticated with <c>PRIVATE-TOKEN</c>:
/// <see cref="DeliveryKinds.GitLabNote"/> as <c>POST /projects/:id/issues/:issue_iid/notes</c> with <c>{"body"}</c>, and
/// <see cref="DeliveryKinds.GitLabIssue"/> as <c>POST /projects/:id/issues</c> with <c>{"title", "description", "labels"}</c>,
/// where <c>:id</c> is the URL-encoded project path. One class, two registrations: the kinds differ only in route and body.
/// </summary>
public sealed class GitLabDeliveryChannel(string kind, IHttpClientFactory clients, IOptions<GitLabInstanceOptions> options) : IDeliveryChannel
{
    /// <summary>The header GitLab reads a personal, project or group access token from.</summary>
    public const string TokenHeader = "PRIVATE-TOKEN";

    /// <inheritdoc />
    public string Kind { get; } = kind is DeliveryKinds.GitLabNote or DeliveryKinds.GitLabIssue
        ? kind
        : throw new ArgumentException($"'{kind}' is not a GitLab delivery kind.", nameof(kind));

    /// <inheritdoc />
    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        if (!settings.IsConfigured || !Uri.TryCreate(settings.Url!.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var instance))
        {
            return DeliveryOutcome.GiveUp($"{GitLabInstanceOptions.Section}:Url and Token are no longer configured; configure them again and requeue the delivery.");
        }

        GitLabDeliveryPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<GitLabDeliveryPayload>(delivery.Payload, NotificationJson.Options);
        }
        catch (JsonException exception)
        {
            return DeliveryOutcome.GiveUp($"The delivery's payload is not a GitLab payload: {exception.Message}");
        }

        if (payload is null || string.IsNullOrWhiteSpace(payload.Project) || (Kind == DeliveryKinds.GitLabNote && payload.IssueIid is null))
        {
            return DeliveryOutcome.GiveUp("The delivery's payload names no project or issue.");
        }

        var project = Uri.EscapeDataString(payload.Project);
        var (path, body) = Kind == DeliveryKinds.GitLabNote
            ? ($"api/v4/projects/{project}/issues/{payload.IssueIid}/notes", new JsonObject { ["body"] = payload.Body })
            : ($"api/v4/projects/{project}/issues", new JsonObject { ["title"] = payload.Title, ["description"] = payload.Body, ["labels"] = payload.Labels });

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TokenHeader, settings.Token!.Trim());
        var (outcome, _) = await DeliveryHttp.SendAsync(clients.CreateClient(DeliveryHttp.HttpClientName), request, cancellationToken);
        return outcome;
    }

    /// <inheritdoc />
    public NewDelivery? WhenDeadLettered(Delivery delivery, string error) => null;
}
