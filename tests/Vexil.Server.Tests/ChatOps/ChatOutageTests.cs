using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>A chat command that meets a database outage says the change was not made and to retry, in chat's own shape.</summary>
public sealed class ChatOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Slack_refuses_at_once_when_it_cannot_record_the_signature()
    {
        // The replay check must write before anything runs; when it cannot, the command is not run (failing open
        // would let a replay through during an outage).
        await using var server = await ChatTestServer.StartAsync();
        await using var holder = await LockAsync(server);

        var (status, answer) = await server.SlackAsync("run feature set chat_outage_flag true --staging --force", "g_duo_chat", "ck3g", server.NewResponsePath());

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.StartsWith("Vexil could not check whether this request was already handled", (string?)answer["text"], StringComparison.Ordinal);
        await holder.DisposeAsync();
        Assert.Empty(await server.AuditAsync("chat_outage_flag"));
    }

    [Fact]
    public async Task Follow_up_answer_says_the_change_was_not_made_and_to_retry()
    {
        // Always acknowledge at once, so the outcome arrives as the follow-up on response_url. Mattermost has no
        // replay check in front, so the command itself meets the locked database.
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:AcknowledgeAfter"] = "0" });
        var responsePath = server.NewResponsePath();
        await using (await LockAsync(server))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/chatops/mattermost")
            {
                Content = new StringContent(
                    SlackRequests.Form(new Dictionary<string, string>
                    {
                        ["channel_id"] = "fukpskqc3pd4fq6c7r8z8nkyqe",
                        ["channel_name"] = "town-square",
                        ["command"] = "/chatops",
                        ["response_url"] = server.Receiver.Url(responsePath),
                        ["text"] = "run feature set chat_outage_flag true --staging --force",
                        ["token"] = ChatTestServer.MattermostToken,
                        ["user_id"] = "rnina8fuufnhmqkwn8a3ahyd9y",
                        ["user_name"] = "ck3g",
                    }),
                    Encoding.UTF8,
                    "application/x-www-form-urlencoded"),
            };
            var (status, acknowledgement) = await ChatTestServer.SendAsync(server.Client, request);
            Assert.Equal(200, status);
            Assert.StartsWith("Working on", (string?)acknowledgement["text"], StringComparison.Ordinal);

            var answer = (await server.Receiver.NextAsync(responsePath, Cancel)).Json;
            Assert.Equal("ephemeral", (string?)answer["response_type"]);
            Assert.Matches("^" + Hosting.SqliteOutageTests.NotMadeBecauseLocked + "$", (string?)answer["text"]);
        }

        Assert.Empty(await server.AuditAsync("chat_outage_flag"));
    }

    // Another connection holds the SQLite file's write lock, so every write of the server waits and gives up.
    private static async Task<SqliteConnection> LockAsync(ChatTestServer server)
    {
        var file = new SqliteConnectionStringBuilder(server.Factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).DataSource;
        var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await holder.OpenAsync(Cancel);
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync(Cancel);
        return holder;
    }
}
