using Vexil.Server.ChatOps.Slack;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>
/// A signed Slack request is valid for 5 minutes; sent again within them (by an attacker who captured it, or a proxy
/// that retried it) it is refused and not run, by the server that saw it and by any other on the same database.
/// </summary>
public sealed class SlackReplayTests
{
    private const string Flag = "duo_chat_multi_thread";

    [Fact]
    public async Task The_same_signed_request_sent_twice_is_run_once_and_the_replay_is_told_why()
    {
        await using var server = await ChatTestServer.StartAsync();
        var body = SlackRequests.Body($"run feature set {Flag} 50 --actors --staging", "g_duo_chat", "ck3g", server.Receiver.Url(server.NewResponsePath()));
        var signedAt = DateTimeOffset.UtcNow;

        var (firstStatus, first) = await ChatTestServer.SendAsync(server.Client, SlackRequests.Signed(body, signedAt: signedAt));
        var (replayStatus, replay) = await ChatTestServer.SendAsync(server.Client, SlackRequests.Signed(body, signedAt: signedAt));

        Assert.Equal(200, firstStatus);
        Assert.Equal("The feature flag value has been updated!", (string?)first["text"]);
        Assert.Equal(200, replayStatus);
        Assert.Equal("ephemeral", (string?)replay["response_type"]);
        Assert.Equal(SlackEndpoint.ReplayRefusal, (string?)replay["text"]);
        Assert.Single(await server.AuditAsync(Flag));
    }

    [Fact]
    public async Task A_refused_replay_of_a_production_change_changes_nothing()
    {
        await using var server = await ChatTestServer.StartAsync();
        var body = SlackRequests.Body($"run feature set {Flag} false --staging", "production", "lulalala", server.Receiver.Url(server.NewResponsePath()));
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-4);
        await ChatTestServer.SendAsync(server.Client, SlackRequests.Signed(body, signedAt: signedAt));
        await server.SlackAsync($"run feature set {Flag} true --staging", "production", "lulalala", server.NewResponsePath());

        var (_, replay) = await ChatTestServer.SendAsync(server.Client, SlackRequests.Signed(body, signedAt: signedAt));

        // Had the replay run, staging would be off again.
        Assert.Equal(SlackEndpoint.ReplayRefusal, (string?)replay["text"]);
        var audit = await server.AuditAsync(Flag);
        Assert.Equal(2, audit.Count);
        Assert.Equal("true", (string?)audit[0]!["details"]!["value"]);
    }
}
