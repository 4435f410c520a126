using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Vexil.Server.Configuration;
using Vexil.Server.Environments;

namespace Vexil.Server.Notifications;

/// <summary>
/// Checks <c>Vexil:Notifications</c> at start-up, so a typo in a URL or an environment stops the server with a sentence
/// naming the key, instead of notifications silently going nowhere.
/// </summary>
public sealed partial class NotificationOptionsValidator(EnvironmentCatalog environments) : IValidateOptions<NotificationOptions>
{
    private const string Section = NotificationOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckUrl(problems, $"{Section}:ProductionChannel:WebhookUrl", options.ProductionChannel.WebhookUrl);
        CheckUrl(problems, $"{Section}:QaChannel:WebhookUrl", options.QaChannel.WebhookUrl);
        for (var i = 0; i < options.TeamChannels.Count; i++)
        {
            var team = options.TeamChannels[i];
            if (string.IsNullOrWhiteSpace(team.Group))
            {
                problems.Add($"{Section}:TeamChannels:{i}:Group is empty; set it to the definitions' group, e.g. 'group::duo chat'.");
            }

            if (string.IsNullOrWhiteSpace(team.WebhookUrl))
            {
                problems.Add($"{Section}:TeamChannels:{i}:WebhookUrl is empty; set it to the team channel's incoming webhook URL.");
            }

            CheckUrl(problems, $"{Section}:TeamChannels:{i}:WebhookUrl", team.WebhookUrl);
        }

        CheckUrl(problems, $"{Section}:EndToEnd:TriggerUrl", options.EndToEnd.TriggerUrl);
        CheckEnvironments(problems, $"{Section}:EndToEnd:Environments", options.EndToEnd.Environments);
        CheckWebhooks(problems, options.Webhooks);
        CheckDelivery(problems, options.Delivery);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The URL a setting names, or null when it is empty or not an absolute http(s) URL.</summary>
    public static Uri? ParseUrl(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : null;

    private static void CheckUrl(List<string> problems, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && ParseUrl(value) is null)
        {
            // The value may be a secret (webhook URLs carry their token), so it is not repeated.
            problems.Add($"{key} is not an absolute http or https URL; set it to the receiver's address.");
        }
    }

    private void CheckEnvironments(List<string> problems, string key, List<string>? names)
    {
        foreach (var environment in names ?? [])
        {
            if (environments.Resolve(environment) is null)
            {
                problems.Add($"{key} names '{environment}', which is not a configured environment; use one of {string.Join(", ", environments.All.Select(e => e.Name))}.");
            }
        }
    }

    private void CheckWebhooks(List<string> problems, List<WebhookOptions> webhooks)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < webhooks.Count; i++)
        {
            var webhook = webhooks[i];
            var key = $"{Section}:Webhooks:{i}";
            if (string.IsNullOrWhiteSpace(webhook.Name) || !WebhookName().IsMatch(webhook.Name))
            {
                problems.Add($"{key}:Name is '{webhook.Name}'; give each webhook a name of letters, digits, '-', '_' or '.', e.g. 'grafana'.");
            }
            else if (!names.Add(webhook.Name))
            {
                problems.Add($"{key}:Name '{webhook.Name}' is used by another webhook; give each webhook its own name.");
            }

            if (string.IsNullOrWhiteSpace(webhook.Url))
            {
                problems.Add($"{key}:Url is empty; set it to the receiver's http or https address.");
            }

            CheckUrl(problems, $"{key}:Url", webhook.Url);
            CheckEnvironments(problems, $"{key}:Environments", webhook.Environments);
        }
    }

    private static void CheckDelivery(List<string> problems, DeliveryOptions delivery)
    {
        const string Key = $"{Section}:Delivery";
        if (delivery.MaxAttempts is < 1 or > 100)
        {
            problems.Add($"{Key}:MaxAttempts is {delivery.MaxAttempts}; set it from 1 to 100.");
        }

        if (delivery.Concurrency is < 1 or > 64)
        {
            problems.Add($"{Key}:Concurrency is {delivery.Concurrency}; set it from 1 to 64.");
        }

        foreach (var (setting, value, example) in new[]
        {
            ("InitialBackoff", delivery.InitialBackoff, "10"),
            ("MaxBackoff", delivery.MaxBackoff, "3600"),
            ("Timeout", delivery.Timeout, "10"),
            ("PollInterval", delivery.PollInterval, "5"),
            ("Retention", delivery.Retention, "2592000"),
        })
        {
            if (DurationSetting.Parse(value, TimeSpan.FromSeconds(1)) is null)
            {
                problems.Add(DurationSetting.Problem($"{Key}:{setting}", value, example));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex WebhookName();
}
