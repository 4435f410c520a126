using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vexil.Server.Tests.Replicas;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// Two real server processes on one throwaway PostgreSQL run a plan with short real intervals; the one leading the
/// rollouts lock is killed mid-plan. The other takes over within 10 s and finishes the plan, and the audit trail shows
/// every step applied exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RolloutLeaderDeathTests(PostgresClusterFixture fixture)
{
    private const string Flag = "duo_chat_multi_thread";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90); // a bound against hanging, not a speed check
    private static readonly Dictionary<string, string> Fast = new() { ["Vexil:Rollouts:CheckInterval"] = "1s" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_leader_dies_mid_plan_the_other_replica_takes_over_and_no_step_is_applied_twice_or_skipped()
    {
        var cluster = fixture.Require();
        var database = await cluster.CreateDatabaseAsync("rollout_leader_" + Guid.NewGuid().ToString("N"), Cancel);
        await using var a = await Replica.StartAsync("vexil-a", database, Cancel, Fast);
        await using var b = await Replica.StartAsync("vexil-b", database, Cancel, Fast);

        using (var staging = await a.Client.PostAsJsonAsync("api/v1/commands", new { text = $"feature set {Flag} true --dev --pre --staging --staging-ref" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, staging.StatusCode);
        }

        await EventuallyAsync(async () => await LeadsAsync(a) || await LeadsAsync(b), "one replica leads the rollouts lock", b);
        var leader = await LeadsAsync(a) ? a : b;
        var follower = leader == a ? b : a;

        // Started through the follower: the leader applies the first step in its next round.
        using var start = await follower.Client.PostAsJsonAsync(
            "api/v1/rollouts",
            new { flag = Flag, environment = "production", steps = new[] { 10, 20, 30, 40, 50, 60 }, every = "3s", verify = "0s" },
            Cancel);
        var startBody = await start.Content.ReadAsStringAsync(Cancel);
        Assert.True(start.StatusCode == HttpStatusCode.Created, startBody);
        var id = JsonDocument.Parse(startBody).RootElement.GetProperty("id").GetInt64();

        await EventuallyAsync(async () => (await PlanAsync(follower, id)).GetProperty("currentStep").GetInt32() >= 1, "the leader applies two steps", leader);
        await leader.DisposeAsync(); // killed, as a crash would: its session and advisory lock end with it
        var killedAt = Stopwatch.StartNew();
        await EventuallyAsync(() => LeadsAsync(follower), $"{follower.Name} takes over", follower);
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(10), $"{follower.Name} took {killedAt.Elapsed.TotalSeconds:0.0} s to take over");

        await EventuallyAsync(async () => (await PlanAsync(follower, id)).GetProperty("status").GetString() == "completed", "the plan completes", follower);

        using var audit = JsonDocument.Parse(await follower.Client.GetStringAsync($"api/v1/audit?environment=production&flag={Flag}&pageSize=500", Cancel));
        var keys = audit.RootElement.GetProperty("events").EnumerateArray()
            .Where(change => change.GetProperty("via").GetString() == "rollout")
            .Select(change => change.GetProperty("details").GetProperty("rollout_step").GetString())
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(Enumerable.Range(0, 6).Select(step => $"{id}:0:{step}"), keys);
        var plan = await PlanAsync(follower, id);
        Assert.All(plan.GetProperty("steps").EnumerateArray(), step => Assert.Equal(JsonValueKind.String, step.GetProperty("appliedAt").ValueKind));
    }

    private static async Task<JsonElement> PlanAsync(Replica replica, long id)
    {
        using var json = JsonDocument.Parse(await replica.Client.GetStringAsync($"api/v1/rollouts/{id}", Cancel));
        return json.RootElement.Clone();
    }

    private static async Task<bool> LeadsAsync(Replica replica) =>
        (await replica.HealthAsync(Cancel)).Body.GetProperty("leader").GetProperty("rollouts").GetBoolean();

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, Replica watched)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {Patience.TotalSeconds} s: {what}.\n{watched.Name} printed:\n{watched.Output}");
            }

            await Task.Delay(100, Cancel);
        }
    }
}
