using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>A chat command that meets a database outage says the change was not made and to retry, in chat's own shape.</summary>
public sealed class ChatOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follow_up_answer_says_the_change_was_not_made_and_to_retry()
    {
        // Always acknowledge at once, so the outcome arrives as the follow-up on response_url.
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:AcknowledgeAfter"] = "0" });
        var responsePath = server.NewResponsePath();
        var file = new SqliteConnectionStringBuilder(server.Factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).DataSource;

        await using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await holder.OpenAsync(Cancel);
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync(Cancel);
            }

            var (status, acknowledgement) = await server.SlackAsync("run feature set chat_outage_flag true --staging", "g_duo_chat", "ck3g", responsePath);
            Assert.Equal(200, status);
            Assert.StartsWith("Working on", (string?)acknowledgement["text"], StringComparison.Ordinal);

            var answer = (await server.Receiver.NextAsync(responsePath, Cancel)).Json;
            Assert.Equal("ephemeral", (string?)answer["response_type"]);
            Assert.Equal(
                "The database is unavailable (the SQLite file is locked by another connection or process), so the change was not made; retry in a few seconds.",
                (string?)answer["text"]);
        }

        Assert.Empty(await server.AuditAsync("chat_outage_flag"));
    }
}
