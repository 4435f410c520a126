using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>
/// The seed rollout of <c>duo_chat_multi_thread</c>, typed in Slack: every command sent as a signed slash command to a
/// real server process, with a local HTTP server playing Slack's <c>response_url</c>, the production check, the
/// incoming webhooks of #production, the team's channel and the QA channel, the end-to-end pipeline trigger and a
/// generic webhook. Checks each answer, the refusals, and every announcement and trigger the rollout causes.
/// </summary>
public sealed class SlackRolloutEndToEndTests : IAsyncLifetime
{
    private const string Flag = "duo_chat_multi_thread";
    private const string WebhookSecret = "whsec_e2e_audit";
    private const string Initiated = "Production check initiated, this may take up to 300 seconds ...";
    private const string Updated = "The feature flag value has been updated!";
    private const string NonProduction = "--dev --pre --staging --staging-ref";

    private readonly SemaphoreSlim productionCheck = new(0);
    private LocalReceiver receiver = null!;
    private RealServerProcess server = null!;
    private HttpClient client = null!;
    private int responses;
    private int pipelines;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        receiver = await LocalReceiver.StartAsync(Cancel);
        receiver.Respond("/check", async _ =>
        {
            await productionCheck.WaitAsync(Cancel);
            return ReceiverAnswer.Json("""{"safe": true}""");
        });
        receiver.Respond("/trigger", _ =>
        {
            var id = Interlocked.Increment(ref pipelines);
            return Task.FromResult(new ReceiverAnswer(201, $$"""{"id": {{id}}, "web_url": "{{receiver.Url($"/pipelines/{id}")}}"}""", "application/json"));
        });
        server = await RealServerProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Vexil:ChatOps:Slack:SigningSecret"] = SlackRequests.SigningSecret,
                ["Vexil:ChatOps:Slack:AllowHttpResponseUrl"] = "true",
                ["Vexil:ChatOps:ProductionChannel"] = SlackRequests.ProductionChannelId,
                ["Vexil:ProductionCheck:Url"] = receiver.Url("/check"),
                ["Vexil:Notifications:ProductionChannel:WebhookUrl"] = receiver.Url("/hooks/production"),
                ["Vexil:Notifications:TeamChannels:0:Group"] = "group::duo chat",
                ["Vexil:Notifications:TeamChannels:0:WebhookUrl"] = receiver.Url("/hooks/g_duo_chat"),
                ["Vexil:Notifications:QaChannel:WebhookUrl"] = receiver.Url("/hooks/e2e-run-staging"),
                ["Vexil:Notifications:EndToEnd:TriggerUrl"] = receiver.Url("/trigger"),
                ["Vexil:Notifications:EndToEnd:Token"] = "glptt-e2e",
                ["Vexil:Notifications:Webhooks:0:Name"] = "audit-log",
                ["Vexil:Notifications:Webhooks:0:Url"] = receiver.Url("/hooks/audit"),
                ["Vexil:Notifications:Webhooks:0:Secret"] = WebhookSecret,
                ["Vexil:Notifications:Delivery:PollInterval"] = "0.5",
            },
            Cancel);
        client = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        productionCheck.Release(100);
        client.Dispose();
        await server.DisposeAsync();
        await receiver.DisposeAsync();
        productionCheck.Dispose();
    }

    [Fact]
    public async Task The_seed_rollout_from_slack_with_its_announcements_and_end_to_end_triggers()
    {
        // Rollout on non-production environments, in the team's channel.
        var fifty = await SlackAsync($"run feature set {Flag} 50 --actors {NonProduction}", "g_duo_chat", "shinya.maeda");
        Assert.Equal(("in_channel", Updated), ((string?)fifty["response_type"], (string?)fifty["text"]));
        Assert.Equal(["Host: dev", "Host: pre", "Host: staging", "Host: staging-ref"], fifty["attachments"]!.AsArray().Select(a => (string?)a!["footer"]));
        Assert.All(fifty["attachments"]!.AsArray(), a => Assert.Contains(("percentage_of_actors", "50"), Fields(a!)));
        Assert.Equal(Updated, (string?)(await SlackAsync($"run feature set {Flag} true {NonProduction}", "g_duo_chat", "shinya.maeda"))["text"]);

        // Specific rollout on production, in #production: the production check is announced at once, the answer follows.
        foreach (var targets in new[]
        {
            "--project=gitlab-org/gitlab,gitlab-org/gitlab-foss,gitlab-com/www-gitlab-com",
            "--group=gitlab-org,gitlab-com",
            "--user=lulalala",
            "--feature-group=gitlab_team_members",
            "--user=gitlab-qa",
        })
        {
            var step = await SlackAsync($"run feature set {targets} {Flag} true", "production", "lulalala");
            Assert.Equal(("in_channel", Updated, "Host: production"), ((string?)step["response_type"], (string?)step["text"], (string?)step["attachments"]![0]!["footer"]));
        }

        var scoped = await SlackAsync($"run feature get {Flag}", "production", "lulalala");
        Assert.Contains(
            ("Scoped to", "Group:gitlab-com, Group:gitlab-org, Project:gitlab-com/www-gitlab-com, Project:gitlab-org/gitlab, Project:gitlab-org/gitlab-foss, User:gitlab-qa, User:lulalala"),
            Fields(scoped["attachments"]![0]!));

        // A production change from another channel is refused, and so is a request Slack did not sign.
        var elsewhere = await SlackAsync($"run feature set {Flag} true", "g_duo_chat", "shinya.maeda");
        Assert.Equal(
            ("ephemeral", "Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel."),
            ((string?)elsewhere["response_type"], (string?)elsewhere["text"]));
        using (var forged = SlackRequests.Signed(SlackRequests.Body($"run feature set {Flag} false", "production", "mallory", receiver.Url("/respond/forged")), secret: "guessed-secret"))
        using (var refused = await client.SendAsync(forged, Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Global rollout on production, then the rollback steps and the clean-up, in #production.
        Assert.Equal(Updated, (string?)(await SlackAsync($"run feature set {Flag} true", "production", "lulalala"))["text"]);
        Assert.Equal(Updated, (string?)(await SlackAsync($"run feature set {Flag} false", "production", "lulalala"))["text"]);
        Assert.Equal(Updated, (string?)(await SlackAsync($"run feature set {Flag} false {NonProduction}", "production", "lulalala"))["text"]);
        var delete = await SlackAsync($"run feature delete {Flag} {NonProduction} --production", "production", "lulalala");
        Assert.Equal(
            new[] { "dev", "pre", "staging", "staging-ref", "production" }.Select(environment => $"Feature flag {Flag} has been removed from {environment}!"),
            delete["blocks"]!.AsArray().Select(block => (string?)block!["text"]!["text"]));

        await CheckAnnouncementsAsync();
        await CheckEndToEndTriggersAsync();
        await CheckWebhookAsync();
    }

    // #production and the team's channel hear about every production change, and only those.
    private async Task CheckAnnouncementsAsync()
    {
        var set = $"Feature flag '{Flag}' has been set to 'true' on production";
        string[] expected = [.. Enumerable.Repeat(set, 6), $"Feature flag '{Flag}' has been set to 'false' on production", $"Feature flag '{Flag}' has been deleted on production"];
        foreach (var channel in new[] { "/hooks/production", "/hooks/g_duo_chat" })
        {
            var messages = await TakeAsync(channel, expected.Length);
            Assert.Equal(expected.Order(StringComparer.Ordinal), messages.Select(m => (string?)m.Json["text"]).Order(StringComparer.Ordinal));
            Assert.All(messages, m => Assert.Equal("Host: production", (string?)m.Json["attachments"]![0]!["footer"]));
            Assert.Contains(messages, m => ((string?)m.Json["blocks"]![1]!["elements"]![0]!["text"])!.StartsWith("Changed by *lulalala* via chat from #production · <https://gitlab.com/gitlab-org/gitlab/-/issues/511234|Rollout issue>", StringComparison.Ordinal));
            Assert.Contains(messages, m => Fields(m.Json["attachments"]![0]!).Contains(("User", "lulalala")));
            Assert.Empty(receiver.Untaken(channel));
        }
    }

    // The tests start for staging and production changes that are global or only for the QA user, never for others or deletes.
    private async Task CheckEndToEndTriggersAsync()
    {
        var triggers = await TakeAsync("/trigger", 6);
        Assert.All(triggers, t => Assert.Equal(("glptt-e2e", "master"), (t.Form["token"], t.Form["ref"])));
        Assert.Equal(
            new[] { "staging 50 shinya.maeda", "staging true shinya.maeda", "production true lulalala", "production true lulalala", "production false lulalala", "staging false lulalala" }.Order(StringComparer.Ordinal),
            triggers.Select(t => $"{t.Form["variables[feature_environment]"]} {t.Form["variables[feature_value]"]} {t.Form["variables[username]"]}").Order(StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.Equal(Flag, t.Form["variables[feature_toggled]"]));

        var qa = await TakeAsync("/hooks/e2e-run-staging", 6);
        Assert.Equal(
            Enumerable.Range(1, 6).Select(id => $"An end-to-end test pipeline has been triggered: {receiver.Url($"/pipelines/{id}")}").Order(StringComparer.Ordinal),
            qa.Select(m => (string?)m.Json["text"]).Order(StringComparer.Ordinal));
        Assert.Empty(receiver.Untaken("/trigger"));
    }

    // The generic webhook gets every change in every environment, each signed with its secret.
    private async Task CheckWebhookAsync()
    {
        var events = await TakeAsync("/hooks/audit", 4 + 4 + 5 + 1 + 1 + 4 + 5);
        Assert.All(events, e => Assert.True(
            WebhookSignature.Verify(WebhookSecret, long.Parse(e.Header("X-Vexil-Timestamp")!, CultureInfo.InvariantCulture), e.Body, e.Header("X-Vexil-Signature")),
            $"Bad signature on {e.Body}"));
        Assert.Equal(events.Count, events.Select(e => (long)e.Json["id"]!).Distinct().Count());
        Assert.Equal(5, events.Count(e => (string?)e.Json["event"] == "flag.deleted"));
        Assert.All(events, e => Assert.Equal("chat", (string?)e.Json["via"]));
        Assert.Empty(receiver.Untaken("/hooks/audit"));
    }

    /// <summary>Sends a signed slash command; for a production check, waits for the acknowledgement, lets the check pass and returns the answer posted to response_url.</summary>
    private async Task<JsonObject> SlackAsync(string text, string channel, string user)
    {
        var responsePath = $"/respond/{Interlocked.Increment(ref responses)}";
        using var request = SlackRequests.Signed(SlackRequests.Body(text, channel, user, receiver.Url(responsePath)));
        using var response = await client.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{text}: HTTP {(int)response.StatusCode} {body}\n{server.Output}");
        var answer = JsonNode.Parse(body)!.AsObject();
        if ((string?)answer["text"] != Initiated)
        {
            return answer;
        }

        Assert.Equal("in_channel", (string?)answer["response_type"]);
        await receiver.NextAsync("/check", Cancel);
        productionCheck.Release();
        var later = (await receiver.NextAsync(responsePath, Cancel)).Json;
        Assert.False((bool)later["replace_original"]!);
        return later;
    }

    private async Task<List<ReceivedRequest>> TakeAsync(string path, int count)
    {
        var taken = new List<ReceivedRequest>();
        for (var i = 0; i < count; i++)
        {
            taken.Add(await receiver.NextAsync(path, Cancel));
        }

        return taken;
    }

    private static (string?, string?)[] Fields(JsonNode attachment) =>
        attachment["fields"]!.AsArray().Select(field => ((string?)field!["title"], (string?)field["value"])).ToArray();
}
