using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// The fault cases of several replicas on one PostgreSQL: two real server processes on a throwaway cluster, writes on
/// one, observations on the other. The replicas poll only once an hour (<see cref="Replica"/>), so every change the
/// observer sees came through LISTEN/NOTIFY or the catch-up by sequence number after a (re)connect. The cluster is
/// this class's own, since one test freezes it.
/// </summary>
public sealed class ReplicaFaultTests(ReplicaFaultTests.OwnCluster own, ITestOutputHelper output) : IClassFixture<ReplicaFaultTests.OwnCluster>
{
    private const string Flag = "duo_chat_multi_thread";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a bound against hanging, not a speed check

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_committed_while_the_listen_connection_is_down_reaches_the_other_replica_through_catch_up()
    {
        var database = await NewDatabaseAsync();
        await using var a = await Replica.StartAsync("vexil-a", database, Cancel);
        await using var b = await Replica.StartAsync("vexil-b", database, Cancel);
        await a.SetOrFailAsync(Flag, "true", Cancel);
        await ConvergedAsync(database, a, b);

        // A subscriber of B's change stream, as an SDK: its connection drops with B's LISTEN session each round.
        await using var stream = await StreamObserver.StartAsync(b.Client.BaseAddress!, Replica.Environment, Cancel);

        // Cut B's LISTEN session, then write on A before B listens again: no notification of that write ever reaches
        // B. On a starved machine B might reconnect before the write; then the round proves nothing and is repeated.
        var wroteInTheGap = false;
        for (var round = 1; round <= 3 && !wroteInTheGap; round++)
        {
            Assert.Equal(1L, await ScalarAsync(database, "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = 'vexil-b listener'"));
            stream.DropConnection();
            await a.SetOrFailAsync(Flag, round % 2 == 1 ? "false" : "true", Cancel);
            wroteInTheGap = (long)(await ScalarAsync(database, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'vexil-b listener'"))! == 0;
            await ConvergedAsync(database, a, b);
            await EventuallyAsync(async () => (await b.HealthAsync(Cancel)).Body.GetProperty("listener").GetString() == "listening", "B listens again", b);
        }

        Assert.True(wroteInTheGap, "B listened again before A's write in every round; the catch-up path was not exercised.");
        await StreamCaughtUpAsync(database, stream, b, resetsAllowed: false);
        Assert.True(stream.Connections > 1, "The stream was never reconnected.");
    }

    [Fact]
    public async Task A_restarted_replica_serves_the_latest_state_and_its_sequence_numbers_continue()
    {
        var database = await NewDatabaseAsync();
        await using var a = await Replica.StartAsync("vexil-a", database, Cancel);
        var b = await Replica.StartAsync("vexil-b", database, Cancel);
        StreamObserver stream;
        await using (b)
        {
            await a.SetOrFailAsync(Flag, "true", Cancel);
            await ConvergedAsync(database, a, b);
            stream = await StreamObserver.StartAsync(b.Client.BaseAddress!, Replica.Environment, Cancel);
        }

        await using var subscriber = stream;

        // Changes made while B is down.
        await a.SetOrFailAsync(Flag, "false", Cancel);
        await a.SetOrFailAsync(Flag, "30", Cancel);
        var before = await DatabaseSequenceAsync(database);

        await using var restarted = await Replica.StartAsync("vexil-b", database, Cancel);
        var view = await restarted.Observer.ViewAsync(Replica.Environment, Flag, Cancel);
        Assert.Equal(before, view.Sequence);
        Assert.Equal((await a.Observer.ViewAsync(Replica.Environment, Flag, Cancel)).Gates, view.Gates);

        // The subscriber of the old B reconnects to the restarted one with its Last-Event-ID and catches up.
        subscriber.Retarget(restarted.Client.BaseAddress!);
        await StreamCaughtUpAsync(database, subscriber, restarted, resetsAllowed: true);

        await restarted.SetOrFailAsync(Flag, "true", Cancel);
        await ConvergedAsync(database, restarted, a);
        Assert.Equal(before + 1, await DatabaseSequenceAsync(database));
        Assert.Equal(Enumerable.Range(1, (int)before + 1).Select(n => (long)n), await restarted.AuditSequencesAsync(Cancel));
        await StreamCaughtUpAsync(database, subscriber, restarted, resetsAllowed: true);
    }

    [Fact]
    public async Task Twenty_writers_on_two_replicas_leave_both_with_the_same_state_and_no_gap_in_the_sequence()
    {
        var database = await NewDatabaseAsync();
        await using var a = await Replica.StartAsync("vexil-a", database, Cancel);
        await using var b = await Replica.StartAsync("vexil-b", database, Cancel);

        // Twenty different percentages of time, so that each write changes the flag and is one change.
        var writes = Enumerable.Range(1, 20).Select(percentage => (percentage % 2 == 0 ? a : b).SetOrFailAsync(Flag, percentage.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel));
        await Task.WhenAll(writes);

        await ConvergedAsync(database, a, b);
        Assert.Equal(20L, await DatabaseSequenceAsync(database));
        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), await b.AuditSequencesAsync(Cancel));
        var stored = (string)(await ScalarAsync(database, $"SELECT state->>'percentage_of_time' FROM flags WHERE environment = '{Replica.Environment}' AND name = '{Flag}'"))!;
        using var gates = JsonDocument.Parse((await b.Observer.ViewAsync(Replica.Environment, Flag, Cancel)).Gates!);
        Assert.Equal(double.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), gates.RootElement.GetProperty("percentageOfTime").GetDouble());
    }

    [Fact]
    public async Task Both_replicas_serve_reads_while_the_database_is_frozen_for_10_s_then_resume_with_nothing_lost()
    {
        var cluster = own.Require();
        var database = await NewDatabaseAsync();
        await using var a = await Replica.StartAsync("vexil-a", database, Cancel);
        await using var b = await Replica.StartAsync("vexil-b", database, Cancel);
        await a.SetOrFailAsync(Flag, "true", Cancel);
        await ConvergedAsync(database, a, b);
        var before = await a.Observer.ViewAsync(Replica.Environment, Flag, Cancel);

        HttpResponseMessage write;
        (HttpStatusCode Status, JsonElement Body) health;
        var reads = 0;
        cluster.Pause();
        try
        {
            var resumeAt = DateTime.UtcNow.AddSeconds(10);
            write = await a.SetAsync(Flag, "false", Cancel);
            health = await b.HealthAsync(Cancel);

            // The outage lasts 10 s whatever happens: read from both replicas all through it.
            while (DateTime.UtcNow < resumeAt)
            {
                foreach (var replica in new[] { a, b })
                {
                    Assert.Equal(before, await replica.Observer.ViewAsync(Replica.Environment, Flag, Cancel));
                    Assert.True(await EvaluatesAsync(replica), $"{replica.Name} did not evaluate {Flag} from memory while the database was frozen.");
                    reads++;
                }

                await Task.Delay(200, Cancel);
            }
        }
        finally
        {
            cluster.Resume();
        }

        output.WriteLine($"{reads} reads answered from memory during the outage; /health said: {health.Body}");
        var body = await write.Content.ReadAsStringAsync(Cancel);
        Assert.True(write.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)write.StatusCode}: {body}");
        Assert.True(write.Headers.Contains("Retry-After"), "A 503 write must say when to retry.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal("unhealthy", health.Body.GetProperty("status").GetString());
        Assert.StartsWith("unreachable since ", health.Body.GetProperty("database").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Sequence, health.Body.GetProperty("snapshots").GetProperty(Replica.Environment).GetProperty("sequence").GetInt64());

        // Back: both healthy and listening, writes work, and B hears of A's write (no poll: through the signal).
        foreach (var replica in new[] { a, b })
        {
            await EventuallyAsync(
                async () => await replica.HealthAsync(Cancel) is { Status: HttpStatusCode.OK } answer && answer.Body.GetProperty("listener").GetString() == "listening",
                "healthy and listening again",
                replica);
        }

        await EventuallyAsync(async () => (await a.SetAsync(Flag, "false", Cancel)).StatusCode == HttpStatusCode.Created, "A writes again", a);
        await ConvergedAsync(database, a, b);
        var sequences = await b.AuditSequencesAsync(Cancel);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        Assert.Equal(await DatabaseSequenceAsync(database), sequences[^1]);
    }

    [Fact]
    public async Task A_listener_on_a_frozen_database_gives_up_instead_of_waiting_forever_so_it_can_listen_again()
    {
        var cluster = own.Require();
        var database = await NewDatabaseAsync();
        await using var handle = new PostgresDatabase(database);
        var store = new PostgresFlagStore(handle);
        await store.InitializeAsync(Cancel);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        bound.CancelAfter(Patience); // a bound against hanging, not a speed check
        await using var signals = store.ListenAsync(bound.Token).GetAsyncEnumerator(bound.Token);
        Assert.True(await signals.MoveNextAsync());

        // A frozen server keeps the socket open and never answers: only the listener's own check can notice.
        cluster.Pause();
        Exception? failure;
        try
        {
            failure = await Record.ExceptionAsync(async () => await signals.MoveNextAsync());
        }
        finally
        {
            cluster.Resume();
        }

        Assert.NotNull(failure);
        Assert.False(bound.IsCancellationRequested, $"The listener waited {Patience.TotalSeconds} s on a frozen database.");
    }

    [Fact]
    public async Task Exactly_one_replica_leads_notification_delivery_and_the_other_takes_over_when_it_dies()
    {
        var database = await NewDatabaseAsync();
        await using var a = await Replica.StartAsync("vexil-a", database, Cancel);
        await using var b = await Replica.StartAsync("vexil-b", database, Cancel);

        // Each tries every half second: one of them leads soon, and never both.
        await EventuallyAsync(async () => await LeadsAsync(a) || await LeadsAsync(b), "one of them leads", b);
        var leading = new List<Replica>();
        foreach (var replica in new[] { a, b })
        {
            if (await LeadsAsync(replica))
            {
                leading.Add(replica);
            }
        }

        var leader = Assert.Single(leading);
        var follower = leader == a ? b : a;
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid IN (SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'vexil-_ leader:notifications')"));

        // Killed, as a crash would: its session ends and PostgreSQL releases the lock.
        await leader.DisposeAsync();
        await EventuallyAsync(() => LeadsAsync(follower), $"{follower.Name} takes over from {leader.Name}", follower);
    }

    private static async Task<bool> LeadsAsync(Replica replica) =>
        (await replica.HealthAsync(Cancel)).Body.GetProperty("leader").GetProperty("notifications").GetBoolean();

    private static async Task<bool> EvaluatesAsync(Replica replica)
    {
        using var content = new StringContent("""{"context":{"targetingKey":"User:1"}}""", Encoding.UTF8, "application/json");
        using var response = await replica.Client.PostAsync($"ofrep/v1/evaluate/flags/{Flag}?environment={Replica.Environment}", content, Cancel);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("value").GetBoolean();
    }

    // Waits until the subscriber has applied every change up to the database's sequence, then checks it missed nothing:
    // the sequences it applied are contiguous and end there, and its state is the one the replica's snapshot serves.
    private static async Task StreamCaughtUpAsync(string database, StreamObserver stream, Replica replica, bool resetsAllowed)
    {
        var expected = await DatabaseSequenceAsync(database);
        await EventuallyAsync(
            async () => (await stream.ViewAsync(Replica.Environment, Flag, Cancel)).Sequence == expected,
            $"the stream subscriber at sequence {expected} (at {(await stream.ViewAsync(Replica.Environment, Flag, Cancel)).Sequence}; {string.Join("; ", stream.Problems)})",
            replica);
        var problems = stream.Problems.Where(problem => !resetsAllowed || !problem.StartsWith("reset", StringComparison.Ordinal)).ToArray();
        Assert.True(problems.Length == 0, "The stream subscriber saw: " + string.Join("; ", problems));
        if (!resetsAllowed)
        {
            var applied = stream.Applied;
            Assert.NotEmpty(applied);
            Assert.Equal(Enumerable.Range((int)applied[0], applied.Count).Select(n => (long)n), applied);
            Assert.Equal(expected, applied[^1]);
        }

        using var snapshot = JsonDocument.Parse(await replica.Client.GetStringAsync($"api/v1/environments/{Replica.Environment}/snapshot", Cancel));
        var served = snapshot.RootElement.GetProperty("flags").TryGetProperty(Flag, out var state) ? System.Text.Json.Nodes.JsonNode.Parse(state.GetRawText())!.ToJsonString() : null;
        Assert.Equal(served, (await stream.ViewAsync(Replica.Environment, Flag, Cancel)).Gates);
    }

    // Waits until every replica serves the database's current sequence and all serve the same gates.
    private static async Task ConvergedAsync(string database, params Replica[] replicas)
    {
        var expected = await DatabaseSequenceAsync(database);
        ReplicaView[] views = [];
        await EventuallyAsync(
            async () =>
            {
                views = await Task.WhenAll(replicas.Select(replica => replica.Observer.ViewAsync(Replica.Environment, Flag, Cancel)));
                return views.All(view => view.Sequence == expected) && views.Select(view => view.Gates).Distinct().Count() == 1;
            },
            $"every replica at sequence {expected} with the same gates (last seen: {string.Join("; ", views.Select(v => v.ToString()))})",
            replicas[^1]);
    }

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

    private async Task<string> NewDatabaseAsync() =>
        await own.Require().CreateDatabaseAsync("replicas_" + Guid.NewGuid().ToString("N"), Cancel);

    private static async Task<long> DatabaseSequenceAsync(string database) =>
        (long)(await ScalarAsync(database, $"SELECT coalesce((SELECT sequence FROM environments WHERE name = '{Replica.Environment}'), 0)"))!;

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Cancel);
    }

    /// <summary>A cluster for this class alone: freezing the shared one would stall every other PostgreSQL test.</summary>
    public sealed class OwnCluster : IAsyncLifetime
    {
        private readonly PostgresClusterFixture inner = new();

        /// <summary>The running cluster, or a skip (a failure with VEXIL_REQUIRE_POSTGRES=1) without PostgreSQL.</summary>
        public ThrowawayPostgresCluster Require() => inner.Require();

        /// <inheritdoc />
        public ValueTask InitializeAsync() => inner.InitializeAsync();

        /// <inheritdoc />
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
