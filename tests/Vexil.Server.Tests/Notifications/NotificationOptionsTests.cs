using Microsoft.Extensions.Options;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>Bad notification and chat settings stop the server at start-up with a sentence naming the key.</summary>
public sealed class NotificationOptionsTests
{
    [Theory]
    [InlineData("Vexil:Notifications:ProductionChannel:WebhookUrl", "hooks.slack.com/services/T0/B0/x", "Vexil:Notifications:ProductionChannel:WebhookUrl is not an absolute http or https URL")]
    [InlineData("Vexil:Notifications:EndToEnd:Environments:0", "prod", "Vexil:Notifications:EndToEnd:Environments names 'prod', which is not a configured environment")]
    [InlineData("Vexil:Notifications:Webhooks:0:Name", "has space", "Vexil:Notifications:Webhooks:0:Name is 'has space'")]
    [InlineData("Vexil:Notifications:Delivery:MaxAttempts", "0", "Vexil:Notifications:Delivery:MaxAttempts is 0; set it from 1 to 100.")]
    [InlineData("Vexil:Notifications:Delivery:Timeout", "soon", "Vexil:Notifications:Delivery:Timeout is 'soon'")]
    [InlineData("Vexil:Notifications:TeamChannels:0:WebhookUrl", "https://hooks.example/team", "Vexil:Notifications:TeamChannels:0:Group is empty")]
    public void An_invalid_notification_setting_stops_start_up(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Vexil:Notifications:Webhooks:0", StringComparison.Ordinal))
        {
            settings["Vexil:Notifications:Webhooks:0:Url"] = "https://example.com/hook";
        }

        var error = VexilServerFactory.StartupFailure<OptionsValidationException>(() => VexilServerFactory.With(settings));

        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("later")]
    public void An_acknowledgement_delay_slack_would_not_wait_for_stops_start_up(string value)
    {
        var error = VexilServerFactory.StartupFailure<OptionsValidationException>(
            () => VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:ChatOps:AcknowledgeAfter"] = value }));

        Assert.NotNull(error);
        Assert.Contains("Vexil:ChatOps:AcknowledgeAfter", error.Message, StringComparison.Ordinal);
    }
}
