using Vexil.Server.ChatOps.Slack;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>Replays across replicas: two servers on one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SlackReplayAcrossServersTests(PostgresClusterFixture fixture)
{
    private const string Flag = "duo_chat_multi_thread";

    [Fact]
    public async Task A_request_replayed_to_another_server_on_the_same_database_is_refused()
    {
        var database = new PostgresTestDatabase(fixture, "vexil_replay_servers");
        try
        {
            IDictionary<string, string?> Postgres(LocalReceiver _) => new Dictionary<string, string?>
            {
                ["Vexil:Database:Provider"] = "postgres",
                ["ConnectionStrings:Vexil"] = database.ConnectionString,
            };
            await using var first = await ChatTestServer.StartAsync(Postgres);
            await using var second = await ChatTestServer.StartAsync(Postgres);
            var body = SlackRequests.Body($"run feature set {Flag} true --staging", "g_duo_chat", "ck3g", first.Receiver.Url(first.NewResponsePath()));
            var signedAt = DateTimeOffset.UtcNow;

            var (_, accepted) = await ChatTestServer.SendAsync(first.Client, SlackRequests.Signed(body, signedAt: signedAt));
            var (status, replay) = await ChatTestServer.SendAsync(second.Client, SlackRequests.Signed(body, signedAt: signedAt));

            Assert.Equal("The feature flag value has been updated!", (string?)accepted["text"]);
            Assert.Equal(200, status);
            Assert.Equal(SlackEndpoint.ReplayRefusal, (string?)replay["text"]);
            Assert.Single(await second.AuditAsync(Flag));
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
