using System.Text.Json;
using Microsoft.Extensions.Options;
using Vexil.Server.Changes;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// Decides who hears about a change and with what message: the production channel and the owning team's channel for
/// protected environments, the end-to-end test trigger for its environments (<see cref="EndToEndRule"/>), and every
/// generic webhook whose environments match. Messages are built here, when the change is planned, so a delivery
/// retried an hour later still tells the change as it was.
/// </summary>
/// <param name="options">The notification settings.</param>
/// <param name="environments">The configured environments.</param>
/// <param name="definitions">The flag definitions.</param>
/// <param name="contributors">Other features' deliveries for a change (<see cref="IChangeRouteContributor"/>).</param>
public sealed class NotificationRouter(
    IOptions<NotificationOptions> options,
    EnvironmentCatalog environments,
    DefinitionRegistry definitions,
    IEnumerable<IChangeRouteContributor>? contributors = null)
{
    private readonly IChangeRouteContributor[] contributors = [.. contributors ?? []];
    private readonly NotificationOptions settings = options.Value;
    private readonly HashSet<string> endToEndEnvironments = Canonical(environments, options.Value.EndToEnd.Environments ?? [.. EndToEndOptions.DefaultEnvironments]);

    /// <summary>The deliveries a change needs; none when nobody is configured to hear about it.</summary>
    public IReadOnlyList<NewDelivery> Route(AuditEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var deliveries = new List<NewDelivery>();
        var environment = environments.Resolve(change.Environment);
        var isProtected = environment?.IsProtected ?? false;
        var definition = definitions.Current.TryGet(change.Flag, out var found) ? found : null;

        if (isProtected)
        {
            var announcement = AnnouncementMessages.ForChange(change, definition);
            if (settings.ProductionChannel.IsConfigured)
            {
                deliveries.Add(new NewDelivery(DeliveryKinds.Slack, NotificationTargets.ProductionChannel, announcement));
            }

            // The group the definition has now; the one recorded with the change for a flag whose definition is gone.
            var group = definition?.Group ?? change.Details.GetValueOrDefault("definition_group");
            if (settings.TeamChannels.FirstOrDefault(team => team.Matches(group)) is not null)
            {
                deliveries.Add(new NewDelivery(DeliveryKinds.Slack, NotificationTargets.ForTeam(group!), announcement));
            }
        }

        if (settings.EndToEnd.IsConfigured && endToEndEnvironments.Contains(change.Environment) && EndToEndRule.Applies(change, settings.EndToEnd))
        {
            var payload = new EndToEndPayload(
                ChangeTitles.Of(change),
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["feature_toggled"] = change.Flag,
                    ["feature_value"] = ValueOf(change),
                    ["username"] = change.User,
                    ["feature_environment"] = change.Environment,
                });
            deliveries.Add(new NewDelivery(DeliveryKinds.EndToEnd, NotificationTargets.EndToEnd, JsonSerializer.Serialize(payload, NotificationJson.Options)));
        }

        string? eventJson = null;
        foreach (var webhook in settings.Webhooks)
        {
            if (webhook.Environments is { Count: > 0 } only && !Canonical(environments, only).Contains(change.Environment))
            {
                continue;
            }

            eventJson ??= JsonSerializer.Serialize(ChangeEventPayload.Of(change, isProtected), NotificationJson.Options);
            deliveries.Add(new NewDelivery(DeliveryKinds.Webhook, NotificationTargets.ForWebhook(webhook.Name!), eventJson));
        }

        foreach (var contributor in contributors)
        {
            deliveries.AddRange(contributor.Route(change));
        }

        return deliveries;
    }

    // The value as the person typed it (the command and the GitLab API record it); otherwise what the gates say.
    private static string ValueOf(AuditEvent change) =>
        change.Details.GetValueOrDefault("value")
        ?? (change.After is { Boolean: true } ? "true" : change.After is { IsEnabledAnywhere: false } ? "false" : change.Action);

    private static HashSet<string> Canonical(EnvironmentCatalog environments, IEnumerable<string> names) =>
        new(names.Select(name => environments.Resolve(name)?.Name).OfType<string>(), StringComparer.Ordinal);
}
