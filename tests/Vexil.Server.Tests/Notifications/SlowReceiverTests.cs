using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vexil.Server.Tests.ChatOps;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>
/// A receiver that hangs, or fails, never holds up or fails a change (notifications are sent off the request path),
/// nor the other receivers (each is sent to on its own).
/// </summary>
public sealed class SlowReceiverTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commands_finish_while_a_receiver_is_still_holding_an_earlier_announcement()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ChatTestServer.StartAsync(receiver =>
        {
            receiver.Respond("/hooks/slow", async _ =>
            {
                await release.Task;
                return new ReceiverAnswer();
            });
            receiver.Respond("/hooks/failing", new ReceiverAnswer(500, "down"));
            return new Dictionary<string, string?>
            {
                ["Vexil:Notifications:ProductionChannel:WebhookUrl"] = receiver.Url("/hooks/failing"),
                ["Vexil:Notifications:Webhooks:0:Name"] = "slow",
                ["Vexil:Notifications:Webhooks:0:Url"] = receiver.Url("/hooks/slow"),

                // Far longer than the test may wait: the other receivers must not wait for the slow one at all.
                ["Vexil:Notifications:Delivery:Timeout"] = "600",
            };
        });
        try
        {
            using var admin = server.Factory.CreateAdminClient();
            using var first = await admin.PostAsJsonAsync("/api/v1/commands", new { text = "feature set duo_chat_multi_thread true --staging" }, Cancel);
            Assert.True((bool)(await first.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["ok"]!);
            await server.Receiver.NextAsync("/hooks/slow", Cancel);

            // The receiver holds the first announcement; the next commands, from the API and from Slack, still answer.
            using var second = await admin.PostAsJsonAsync("/api/v1/commands", new { text = "feature set duo_chat_multi_thread true --production" }, Cancel);
            var (status, slack) = await server.SlackAsync("run feature set duo_chat_multi_thread false", "production", "ck3g", server.NewResponsePath());

            Assert.True((bool)(await second.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["ok"]!);
            Assert.Equal((200, "The feature flag value has been updated!"), (status, (string?)slack["text"]));

            // The production channel's receiver hears about the production change while the slow one is still busy.
            await server.Receiver.NextAsync("/hooks/failing", Cancel);
            Assert.False(release.Task.IsCompleted);
        }
        finally
        {
            release.TrySetResult();
        }
    }
}
