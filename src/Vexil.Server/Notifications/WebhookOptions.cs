namespace Vexil.Server.Notifications;

/// <summary>One generic JSON webhook: it receives each change event, signed with its secret.</summary>
public sealed class WebhookOptions
{
    /// <summary>A unique name, shown in the delivery list (<c>webhook:grafana</c>); letters, digits, '-', '_' and '.'.</summary>
    public string? Name { get; set; }

    /// <summary>The receiver's http(s) URL.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The shared secret for <c>X-Vexil-Signature</c>. Without one the request is sent unsigned and the receiver cannot
    /// tell it from a forgery, so set one.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Only changes to these environments (names or aliases); null or empty means every environment.</summary>
    public List<string>? Environments { get; set; }
}
