using System.Net.Http.Json;
using System.Text.Json;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>
/// End to end with the real OpenFeature server SDK and OFREP provider for JavaScript, against the server running as
/// a process. The flags are set by writing to the same SQLite file from here, as another replica would; the server
/// picks the change up through its change-feed sync.
/// </summary>
public sealed class OfrepOpenFeatureJsTests
{
    private const string SplitFlag = "duo_chat_multi_thread";
    private const string ActorFlag = "ofrep_e2e_actor";
    private const string ExtraActor = "Project:gitlab-org/gitlab";

    [Fact]
    public async Task OpenFeature_js_sdk_sees_the_rollout_exactly_as_the_engine_decides_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await NodeTooling.PrepareAsync(cancellationToken);

        var folder = TestPaths.NewTempFolder("vexil-ofrep-e2e");
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder, "vexil.db")}";
            await using var server = await RealServerProcess.StartAsync(
                new Dictionary<string, string>
                {
                    ["ConnectionStrings:Vexil"] = connectionString,
                    ["Vexil:Sync:PollInterval"] = "00:00:00.100",
                },
                cancellationToken);

            AuditEvent rollout;
            AuditEvent lastChange;
            await using (var database = new SqliteDatabase(connectionString))
            {
                var store = new SqliteFlagStore(database);
                var origin = new ChangeOrigin("ofrep-e2e", ChangeChannels.Cli);
                rollout = (await store.ApplyAsync(ChangeRequest.Update("production", SplitFlag, origin, GateOperation.SetPercentageOfActors(Percentage.Parse("50"))), cancellationToken)).Event!;
                lastChange = (await store.ApplyAsync(ChangeRequest.Update("production", ActorFlag, origin, GateOperation.EnableActor(ExtraActor)), cancellationToken)).Event!;
            }

            await WaitForSequenceAsync(server, lastChange.Sequence, cancellationToken);
            var keys = Enumerable.Range(1, 200).Select(i => $"User:{i}").ToArray();

            var output = await NodeTooling.RunScriptAsync(
                new Dictionary<string, string>
                {
                    ["VEXIL_URL"] = server.BaseAddress.ToString(),
                    ["VEXIL_TOKEN"] = VexilServerFactory.AdminToken,
                    ["VEXIL_SPLIT_FLAG"] = SplitFlag,
                    ["VEXIL_KEYS"] = string.Join(',', keys),
                    ["VEXIL_ACTOR_FLAG"] = ActorFlag,
                    ["VEXIL_ACTOR"] = ExtraActor,
                    ["VEXIL_DEFINED_FLAG"] = SplitFlag,
                },
                cancellationToken);
            using var report = JsonDocument.Parse(output);
            var root = report.RootElement;

            // The engine's own answer for the same state and keys is the expectation, key by key.
            var engine = FlagSnapshot.Build("production", rollout.Sequence, [new(SplitFlag, rollout.After!)], new Dictionary<string, bool>(), FeatureGroupRegistry.Empty);
            var enabled = 0;
            foreach (var result in root.GetProperty("split").EnumerateArray())
            {
                var key = result.GetProperty("key").GetString()!;
                var expected = engine.Evaluate(SplitFlag, [key]);
                Assert.Equal(expected.Enabled, result.GetProperty("value").GetBoolean());
                Assert.Equal("SPLIT", result.GetProperty("reason").GetString()); // both sides of a split
                Assert.Equal(JsonValueKind.Null, result.GetProperty("errorCode").ValueKind);
                enabled += expected.Enabled ? 1 : 0;
            }

            Assert.Equal(keys.Length, root.GetProperty("split").GetArrayLength());
            Assert.InRange(enabled, keys.Length * 35 / 100, keys.Length * 65 / 100); // about half

            var unknown = root.GetProperty("unknown");
            Assert.True(unknown.GetProperty("value").GetBoolean()); // the code default
            Assert.Equal("FLAG_NOT_FOUND", unknown.GetProperty("errorCode").GetString());

            var mismatch = root.GetProperty("mismatch");
            Assert.Equal("fallback", mismatch.GetProperty("value").GetString());
            Assert.Equal("TYPE_MISMATCH", mismatch.GetProperty("errorCode").GetString());

            var actors = root.GetProperty("actors");
            Assert.True(actors.GetProperty("value").GetBoolean());
            Assert.Equal("TARGETING_MATCH", actors.GetProperty("reason").GetString());
            Assert.False(root.GetProperty("withoutActors").GetProperty("value").GetBoolean());

            var metadata = root.GetProperty("defined").GetProperty("flagMetadata");
            Assert.Equal("beta", metadata.GetProperty("type").GetString());
            Assert.Equal("group::duo chat", metadata.GetProperty("group").GetString());
            Assert.Equal("17.9", metadata.GetProperty("milestone").GetString());
            Assert.Equal("production", metadata.GetProperty("environment").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    // The server follows writes from other processes by polling the change feed; wait until it has this one.
    private static async Task WaitForSequenceAsync(RealServerProcess server, long sequence, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", VexilServerFactory.AdminToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.PostAsJsonAsync("ofrep/v1/evaluate/flags", new { context = new { } }, deadline.Token);
            using var bulk = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
            if (bulk.RootElement.GetProperty("metadata").GetProperty("sequence").GetInt64() >= sequence)
            {
                return;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
