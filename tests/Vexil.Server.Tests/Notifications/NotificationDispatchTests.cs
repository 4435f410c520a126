using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Vexil.Core.State;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>
/// From a committed change to the receivers, with a manual clock: announcements, the end-to-end trigger and its QA
/// channel message, signed webhooks, and retries with exponential backoff up to dead-lettering.
/// </summary>
public sealed class NotificationDispatchTests
{
    private const string Flag = "duo_chat_multi_thread";
    private const string Trigger = "/api/v4/projects/278964/trigger/pipeline";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_production_change_from_chat_is_announced_triggers_the_tests_and_reaches_the_webhook()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Receiver.Answer = (path, _, _) => Task.FromResult(path == Trigger
            ? Json("""{"id": 1234, "web_url": "https://gitlab.example/gitlab-org/quality/production/-/pipelines/1234"}""")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
        await harness.ChatAsync($"feature set {Flag} true --ignore-feature-flag-consistency-check");

        Assert.Equal(5, await harness.RunOnceAsync());

        var production = JsonNode.Parse(harness.Receiver.To("/hooks/production").Single().Body)!;
        Assert.Equal($"Feature flag '{Flag}' has been set to 'true' on production", (string?)production["text"]);
        Assert.Equal(harness.Receiver.To("/hooks/production").Single().Body, harness.Receiver.To("/hooks/duo-chat").Single().Body);
        var trigger = QueryHelpers.ParseQuery(harness.Receiver.To(Trigger).Single().Body);
        Assert.Equal(
            [("token", "glptt-test-trigger-token"), ("ref", "master"), ("variables[feature_toggled]", Flag), ("variables[feature_value]", "true"), ("variables[username]", "lulalala"), ("variables[feature_environment]", "production")],
            trigger.Select(pair => (pair.Key, pair.Value.ToString())));
        Assert.Equal("application/x-www-form-urlencoded", harness.Receiver.To(Trigger).Single().Request.Content!.Headers.ContentType!.MediaType);

        // The QA channel hears about the pipeline after the trigger: the message is queued with the trigger's success.
        var paths = harness.Receiver.Requests.Select(r => r.Request.RequestUri!.AbsolutePath).ToList();
        Assert.True(paths.IndexOf(Trigger) < paths.IndexOf("/hooks/qa"), string.Join(", ", paths));
        var qa = JsonNode.Parse(harness.Receiver.To("/hooks/qa").Single().Body)!;
        Assert.Equal("An end-to-end test pipeline has been triggered: https://gitlab.example/gitlab-org/quality/production/-/pipelines/1234", (string?)qa["text"]);
        Assert.Equal(
            $"*Feature flag '{Flag}' has been set to 'true' on production*\nAn end-to-end test pipeline has been triggered: <https://gitlab.example/gitlab-org/quality/production/-/pipelines/1234|https://gitlab.example/gitlab-org/quality/production/-/pipelines/1234>",
            (string?)qa["blocks"]![0]!["text"]!["text"]);
        Assert.All(await harness.AllDeliveriesAsync(), delivery => Assert.Equal(DeliveryStatus.Delivered, delivery.Status));
        Assert.Equal(0, await harness.RunOnceAsync());
    }

    [Fact]
    public async Task A_non_production_change_for_a_user_reaches_only_the_webhook()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.ChatAsync($"feature set --user=lulalala {Flag} true --staging", "g_duo_chat");

        await harness.RunOnceAsync();

        Assert.Equal(["/hooks/grafana"], harness.Receiver.Requests.Select(r => r.Request.RequestUri!.AbsolutePath));
    }

    [Fact]
    public async Task Changes_from_any_entry_point_are_announced()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var origin = new ChangeOrigin("ci-writer", ChangeChannels.Api, "10.0.0.7") { Title = $"Feature flag '{Flag}' has been set to 'true' on production" };

        await harness.Changes.ApplyAsync(ChangeRequest.Update("production", Flag, origin, GateOperation.EnableBoolean()), Cancel);
        await harness.RunOnceAsync();

        var context = (string?)JsonNode.Parse(harness.Receiver.To("/hooks/production").Single().Body)!["blocks"]![1]!["elements"]![0]!["text"];
        Assert.Equal("Changed by *ci-writer* via api from 10.0.0.7 · <https://gitlab.com/gitlab-org/gitlab/-/issues/511234|Rollout issue>", context);
    }

    [Fact]
    public async Task Generic_webhooks_are_signed_with_the_time_of_sending()
    {
        await using var harness = await NotificationHarness.StartAsync();
        await harness.ChatAsync($"feature set {Flag} 50 --actors --staging", "g_duo_chat");
        await harness.RunOnceAsync();

        var (request, body) = harness.Receiver.To("/hooks/grafana").Single();

        var timestamp = Header(request, "X-Vexil-Timestamp");
        Assert.Equal(NotificationHarness.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_grafana"), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        Assert.Equal(expected, Header(request, "X-Vexil-Signature"));
        Assert.True(WebhookSignature.Verify("whsec_grafana", long.Parse(timestamp, CultureInfo.InvariantCulture), body, Header(request, "X-Vexil-Signature")));
        Assert.Equal((await harness.AllDeliveriesAsync()).Single(d => d.Target == "webhook:grafana").Id.ToString(CultureInfo.InvariantCulture), Header(request, "X-Vexil-Delivery"));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        var change = JsonNode.Parse(body)!;
        Assert.Equal(("flag.changed", "staging", false, Flag, "enable_percentage_of_actors", "lulalala"), ((string?)change["event"], (string?)change["environment"], (bool)change["protected"]!, (string?)change["flag"], (string?)change["action"], (string?)change["user"]));
        Assert.Equal(50, (double)change["after"]!["percentageOfActors"]!);
        Assert.Equal($"Feature flag '{Flag}' has been set to '50%' of actors on staging", (string?)change["title"]);
        Assert.Equal("50", (string?)change["details"]!["value"]);
    }

    [Fact]
    public async Task A_webhook_without_a_secret_is_sent_unsigned()
    {
        await using var harness = await NotificationHarness.StartAsync(new Dictionary<string, string?> { ["Vexil:Notifications:Webhooks:0:Secret"] = null });
        await harness.ChatAsync($"feature set {Flag} true --staging", "g_duo_chat");

        await harness.RunOnceAsync();

        var (request, _) = harness.Receiver.To("/hooks/grafana").Single();
        Assert.False(request.Headers.Contains("X-Vexil-Signature"));
        Assert.False(request.Headers.Contains("X-Vexil-Timestamp"));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_exponential_backoff_and_dead_lettered_after_max_attempts()
    {
        await using var harness = await NotificationHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:Notifications:Delivery:MaxAttempts"] = "4",
            ["Vexil:Notifications:Delivery:InitialBackoff"] = "10",
        });
        harness.Receiver.Answer = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("boom") });
        await harness.ChatAsync($"feature set {Flag} true --dev", "g_duo_chat");
        var start = harness.Clock.GetUtcNow();

        Assert.Equal(1, await harness.RunOnceAsync());
        var delivery = (await harness.AllDeliveriesAsync()).Single();
        Assert.Equal((DeliveryStatus.Pending, 1, (DateTimeOffset?)start.AddSeconds(10), "HTTP 500 Internal Server Error: boom", (int?)500), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt, delivery.LastError, delivery.LastStatusCode));

        // Not due yet: nothing is sent.
        harness.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await harness.RunOnceAsync());

        // Due after 10 s, then 20 s, then 40 s: doubling each time.
        var expected = start;
        foreach (var wait in new[] { 10, 20, 40 })
        {
            expected = expected.AddSeconds(wait);
            harness.Clock.Advance(expected - harness.Clock.GetUtcNow());
            Assert.Equal(1, await harness.RunOnceAsync());
        }

        delivery = (await harness.AllDeliveriesAsync()).Single();
        Assert.Equal((DeliveryStatus.DeadLettered, 4, (DateTimeOffset?)null), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
        Assert.Equal(4, harness.Receiver.Requests.Count);
        harness.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await harness.RunOnceAsync());
    }

    [Fact]
    public void The_backoff_stops_growing_at_its_maximum()
    {
        var options = new Vexil.Server.Notifications.DeliveryOptions { MaxAttempts = 20, InitialBackoff = "10", MaxBackoff = "60" };

        Assert.Equal(
            [10, 20, 40, 60, 60],
            Enumerable.Range(1, 5).Select(attempts => DeliveryBackoff.After(attempts, options)!.Value.TotalSeconds));
        Assert.Null(DeliveryBackoff.After(20, options));
    }

    [Fact]
    public async Task An_answer_that_retrying_cannot_change_dead_letters_at_once()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Receiver.Answer = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("no_service") });
        await harness.ChatAsync($"feature set {Flag} true --dev", "g_duo_chat");

        await harness.RunOnceAsync();

        var delivery = (await harness.AllDeliveriesAsync()).Single();
        Assert.Equal((DeliveryStatus.DeadLettered, 1, "HTTP 404 Not Found: no_service"), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task Too_many_requests_and_no_answer_in_time_are_retried()
    {
        await using var harness = await NotificationHarness.StartAsync(new Dictionary<string, string?> { ["Vexil:Notifications:Delivery:Timeout"] = "0.2" });
        var calls = 0;
        harness.Receiver.Answer = async (_, _, cancellationToken) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                return new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        };
        await harness.ChatAsync($"feature set {Flag} true --dev", "g_duo_chat");

        await harness.RunOnceAsync();
        Assert.Equal("HTTP 429 Too Many Requests", (await harness.AllDeliveriesAsync()).Single().LastError);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await harness.RunOnceAsync();

        var delivery = (await harness.AllDeliveriesAsync()).Single();
        Assert.Equal((DeliveryStatus.Pending, 2, "No answer within 0.2 s."), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task A_trigger_that_fails_for_good_tells_the_qa_channel_in_gitlabs_words()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Receiver.Answer = (path, _, _) => Task.FromResult(path == Trigger
            ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("""{"message":"401 Unauthorized"}""") }
            : new HttpResponseMessage(HttpStatusCode.OK));
        await harness.ChatAsync($"feature set {Flag} true --staging", "g_duo_chat");

        await harness.RunOnceAsync();

        var qa = JsonNode.Parse(harness.Receiver.To("/hooks/qa").Single().Body)!;
        Assert.Equal("Failed to trigger end-to-end test pipeline: HTTP 401 Unauthorized: {\"message\":\"401 Unauthorized\"}", (string?)qa["text"]);
        Assert.Equal(DeliveryStatus.DeadLettered, (await harness.AllDeliveriesAsync()).Single(d => d.Kind == DeliveryKinds.EndToEnd).Status);
    }

    [Fact]
    public async Task A_receiver_removed_from_configuration_dead_letters_its_deliveries()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var result = await harness.Changes.ApplyAsync(ChangeRequest.Update("dev", Flag, new ChangeOrigin("setup", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);
        await harness.Deliveries.EnqueueAsync(
            result.Event!,
            [new NewDelivery(DeliveryKinds.Webhook, "webhook:gone", "{}"), new NewDelivery(DeliveryKinds.Slack, "slack:team:group::gone", "{}")],
            harness.Clock.GetUtcNow(),
            Cancel);

        await harness.RunOnceAsync();

        var gone = (await harness.AllDeliveriesAsync()).Where(d => d.Target.Contains("gone", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, gone.Length);
        Assert.All(gone, delivery => Assert.Equal((DeliveryStatus.DeadLettered, 1), (delivery.Status, delivery.Attempts)));
        Assert.Equal("'webhook:gone' is no longer configured under Vexil:Notifications:Webhooks; configure it again and requeue the delivery.", gone[0].LastError);
        Assert.DoesNotContain(harness.Receiver.Requests, r => r.Request.RequestUri!.AbsolutePath.Contains("gone", StringComparison.Ordinal));
    }

    private static string Header(HttpRequestMessage request, string name) => request.Headers.GetValues(name).Single();

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.Created) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
