using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Notifications;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>Who hears about which change: announcements for protected environments, GitLab's end-to-end trigger rules, webhooks.</summary>
public sealed class NotificationRouterTests : IDisposable
{
    private const string Flag = "duo_chat_multi_thread";

    private readonly DefinitionRegistry definitions = new(
        Options.Create(new DefinitionOptions { Paths = [TestPaths.ExampleDefinitions], Watch = false }),
        NullLogger<DefinitionRegistry>.Instance);

    public void Dispose() => definitions.Dispose();

    [Fact]
    public void A_production_change_goes_to_the_production_channel_and_the_owning_teams_channel()
    {
        var router = Router(options => options.TeamChannels.Add(new TeamChannelOptions { Group = "Duo Chat", WebhookUrl = "https://hooks.example/team" }));

        var targets = router.Route(Change("production", "enable")).Select(d => d.Target);

        Assert.Equal(["slack:production", "slack:team:group::duo chat", "end_to_end", "webhook:audit-log"], targets);
    }

    [Fact]
    public void A_change_elsewhere_is_not_announced_in_chat()
    {
        var router = Router();

        Assert.Equal(["webhook:audit-log"], router.Route(Change("dev", "enable")).Select(d => d.Target));
        Assert.Equal(["end_to_end", "webhook:audit-log"], router.Route(Change("staging", "enable")).Select(d => d.Target));
    }

    [Fact]
    public void A_flag_without_a_team_channel_is_announced_in_the_production_channel_only()
    {
        var router = Router(options => options.TeamChannels[0] = new TeamChannelOptions { Group = "group::code creation", WebhookUrl = "https://hooks.example/team" });

        Assert.DoesNotContain(router.Route(Change("production", "enable")), d => d.Target.StartsWith("slack:team:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_announcement_tells_the_change_like_gitlabs_log_issue()
    {
        var change = Change("production", "enable_actor", After(FlagState.Create(false, ["User:lulalala"])), ("user", "lulalala"), ("value", "true"), ("overrides", "Production check ignored"));

        var message = JsonNode.Parse(Router().Route(change).Single(d => d.Target == NotificationTargets.ProductionChannel).Payload)!;

        Assert.Equal($"Feature flag '{Flag}' has been set to 'true' on production", (string?)message["text"]);
        Assert.Equal($"*Feature flag '{Flag}' has been set to 'true' on production*", (string?)message["blocks"]![0]!["text"]!["text"]);
        Assert.Equal(
            "Changed by *lulalala* via chat from #production · <https://gitlab.com/gitlab-org/gitlab/-/issues/511234|Rollout issue>",
            (string?)message["blocks"]![1]!["elements"]![0]!["text"]);
        var attachment = message["attachments"]![0]!;
        Assert.Equal("Host: production", (string?)attachment["footer"]);
        Assert.Equal(
            [("Name", Flag), ("State", "Enabled"), ("Enabled Globally", "false"), ("Scoped to", "User:lulalala"), ("User", "lulalala"), ("Overrides", "Production check ignored"), ("Changed at", "2025-02-03T10:00:00Z")],
            attachment["fields"]!.AsArray().Select(field => ((string?)field!["title"], (string?)field["value"])));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("gitlab-qa", null)]
    [InlineData(null, "gitlab-qa-sandbox-group")]
    [InlineData("gitlab-qa", "gitlab-qa-sandbox-group")]
    [InlineData("GitLab-QA", null)]
    public void The_end_to_end_tests_start_for_a_global_change_or_one_scoped_only_to_the_qa_user_or_group(string? user, string? group)
    {
        var details = new List<(string, string)> { ("value", "true") };
        if (user is not null)
        {
            details.Add(("user", user));
        }

        if (group is not null)
        {
            details.Add(("group", group));
        }

        Assert.Contains(Router().Route(Change("staging", "set", null, [.. details])), d => d.Kind == DeliveryKinds.EndToEnd);
    }

    [Theory]
    [InlineData("user", "lulalala")]
    [InlineData("user", "gitlab-qa,lulalala")]
    [InlineData("group", "gitlab-org")]
    [InlineData("project", "gitlab-org/gitlab")]
    [InlineData("feature_group", "gitlab_team_members")]
    [InlineData("namespace", "gitlab-qa-sandbox-group")]
    [InlineData("repository", "gitlab-org/gitlab")]
    public void A_change_for_anyone_else_does_not_start_them(string scope, string names)
    {
        Assert.DoesNotContain(Router().Route(Change("production", "enable_actor", null, (scope, names), ("value", "true"))), d => d.Kind == DeliveryKinds.EndToEnd);
    }

    [Fact]
    public void A_delete_does_not_start_them()
    {
        Assert.DoesNotContain(Router().Route(Change("production", "delete", After(null))), d => d.Kind == DeliveryKinds.EndToEnd);
    }

    [Fact]
    public void Only_the_configured_environments_start_them()
    {
        var router = Router(options => options.EndToEnd.Environments = ["gstg"]);

        Assert.Contains(router.Route(Change("staging", "enable")), d => d.Kind == DeliveryKinds.EndToEnd);
        Assert.DoesNotContain(router.Route(Change("production", "enable")), d => d.Kind == DeliveryKinds.EndToEnd);
    }

    [Fact]
    public void Without_scopes_in_the_details_the_scope_is_read_from_the_gates()
    {
        var qa = Change("staging", "enable_actor", After(FlagState.Create(false, ["User:gitlab-qa"])));
        var someone = Change("staging", "enable_actor", After(FlagState.Create(false, ["User:lulalala"])));

        Assert.Equal([new ChangeScope("user", "gitlab-qa")], ChangeScopes.Of(qa));
        Assert.Contains(Router().Route(qa), d => d.Kind == DeliveryKinds.EndToEnd);
        Assert.DoesNotContain(Router().Route(someone), d => d.Kind == DeliveryKinds.EndToEnd);
    }

    [Fact]
    public void The_trigger_carries_gitlabs_variables()
    {
        var delivery = Router().Route(Change("staging", "set_percentage_of_actors", null, ("value", "50"))).Single(d => d.Kind == DeliveryKinds.EndToEnd);

        var payload = JsonSerializer.Deserialize<EndToEndPayload>(delivery.Payload, NotificationJson.Options)!;

        Assert.Equal($"Feature flag '{Flag}' has been set to 'true' on staging", payload.Title);
        Assert.Equal(
            new Dictionary<string, string> { ["feature_toggled"] = Flag, ["feature_value"] = "50", ["username"] = "lulalala", ["feature_environment"] = "staging" },
            payload.Variables);
    }

    [Fact]
    public void Webhooks_get_the_change_event_and_can_be_limited_to_environments()
    {
        var router = Router(options => options.Webhooks.Add(new WebhookOptions { Name = "prod-only", Url = "https://example.com/prod", Environments = ["gprd"] }));

        Assert.DoesNotContain(router.Route(Change("staging", "enable")), d => d.Target == "webhook:prod-only");
        var delivery = router.Route(Change("production", "enable")).Single(d => d.Target == "webhook:prod-only");
        var payload = JsonNode.Parse(delivery.Payload)!;
        Assert.Equal(
            ["event", "id", "environment", "protected", "sequence", "occurredAt", "flag", "action", "title", "user", "via", "from", "reason", "before", "after", "details"],
            payload.AsObject().Select(pair => pair.Key));
        Assert.Equal(("flag.changed", 42L, true, true), ((string?)payload["event"], (long)payload["id"]!, (bool)payload["protected"]!, (bool)payload["after"]!["boolean"]!));
    }

    [Fact]
    public void Nothing_is_planned_when_nobody_is_configured()
    {
        var router = new NotificationRouter(Options.Create(new NotificationOptions()), new EnvironmentCatalog(new EnvironmentOptions()), definitions);

        Assert.Empty(router.Route(Change("production", "enable")));
    }

    private static FlagState? After(FlagState? state) => state;

    private static AuditEvent Change(string environment, string action, FlagState? after = null, params (string Key, string Value)[] details) =>
        new(
            42,
            7,
            new DateTimeOffset(2025, 2, 3, 10, 0, 0, TimeSpan.Zero),
            environment,
            Flag,
            action,
            null,
            action == "delete" ? null : after ?? FlagState.Empty with { Boolean = true },
            "lulalala",
            ChangeChannels.Chat,
            "#production",
            null,
            "req-1",
            action == "delete" ? $"Feature flag '{Flag}' has been deleted on {environment}" : $"Feature flag '{Flag}' has been set to 'true' on {environment}",
            details.ToDictionary(pair => pair.Key, pair => pair.Value));

    private NotificationRouter Router(Action<NotificationOptions>? configure = null)
    {
        var options = new NotificationOptions
        {
            ProductionChannel = { WebhookUrl = "https://hooks.example/production" },
            QaChannel = { WebhookUrl = "https://hooks.example/qa" },
            EndToEnd = { TriggerUrl = "https://gitlab.example/api/v4/projects/1/trigger/pipeline", Token = "glptt-x" },
            Webhooks = { new WebhookOptions { Name = "audit-log", Url = "https://example.com/log", Secret = "s" } },
        };
        options.TeamChannels.Add(new TeamChannelOptions { Group = "group::duo chat", WebhookUrl = "https://hooks.example/duo" });
        configure?.Invoke(options);
        return new NotificationRouter(Options.Create(options), new EnvironmentCatalog(new EnvironmentOptions()), definitions);
    }
}
