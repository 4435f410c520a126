using Microsoft.Extensions.Logging;
using Vexil.Client.Tests.Fakes;
using Vexil.Core.Evaluation;
using Vexil.Core.Groups;
using Vexil.Core.State;

namespace Vexil.Client.Tests;

/// <summary>The client against a fake server speaking the documented wire format, with faults injected.</summary>
public sealed class SyncTests
{
    private const string On = """{"boolean":true,"actors":[],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""";
    private const string Off = """{"boolean":false,"actors":[],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""";

    private static string ActorsOnly(params string[] actors) =>
        $$"""{"boolean":false,"actors":[{{string.Join(',', actors.Select(a => $"\"{a}\""))}}],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""";

    [Fact]
    public async Task Connects_and_answers_exactly_as_the_engine_does()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("always_on", On);
        server.SetFlag("for_one", ActorsOnly("User:1", "User:2:opt_out"));
        server.SetFlag("half", """{"boolean":false,"actors":[],"groups":[],"percentage_of_actors":"50","percentage_of_time":"0"}""");
        server.SetFlag("team", """{"boolean":false,"actors":[],"groups":["gitlab_team_members"],"percentage_of_actors":"0","percentage_of_time":"0"}""");
        server.SetGroup("gitlab_team_members", "User:7");
        server.SetDefault("defined_on", true);
        server.SetDefault("defined_off", false);

        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);

        Assert.Equal(VexilClientStatus.Ready, client.Status);
        Assert.Equal(server.Sequence, client.Sequence);
        Assert.Equal($"Bearer {FakeVexilServer.Token}", server.Authorizations.First());

        // The same states through Vexil.Core's own snapshot: the SDK must answer as the server does.
        var engine = FlagSnapshot.Build("staging", 4,
            [
                new("always_on", FlagState.Create(true)),
                new("for_one", FlagState.Create(false, ["User:1", "User:2:opt_out"])),
                new("half", FlagState.Create(false, percentageOfActors: Core.Gates.Percentage.Parse("50"))),
                new("team", FlagState.Create(false, groups: ["gitlab_team_members"])),
            ],
            new Dictionary<string, bool> { ["defined_on"] = true, ["defined_off"] = false },
            new FeatureGroupRegistry([new ActorListFeatureGroup("gitlab_team_members", ["User:7"])]));
        foreach (var flag in new[] { "always_on", "for_one", "half", "team", "defined_on", "defined_off", "unknown" })
        {
            Assert.Equal(engine.IsEnabled(flag), client.IsEnabled(flag));
            for (var user = 0; user < 50; user++)
            {
                var id = $"User:{user}";
                Assert.Equal(engine.IsEnabled(flag, id), client.IsEnabled(flag, new Actor(id)));
                Assert.Equal(engine.IsEnabled(flag, ["Project:9", id]), client.IsEnabled(flag, [new Actor("Project:9"), Actor.For("User", user.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
            }
        }

        Assert.True(client.IsEnabled("defined_on"));
        Assert.False(client.IsEnabled("unknown"));
        Assert.False(client.IsEnabled("for_one", new Actor("User:2")));
        Assert.True(client.IsEnabled("team", new Actor("User:7")));
    }

    [Fact]
    public async Task Applies_changes_in_order_and_a_deleted_flag_falls_back_to_its_default()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetDefault("rollout", true);
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);
        var changes = new System.Collections.Concurrent.ConcurrentQueue<FlagsChangedEventArgs>();
        client.FlagsChanged += (_, args) => changes.Enqueue(args);
        await Eventually.TrueAsync(() => server.StreamConnections > 0 && client.Status == VexilClientStatus.Ready, "the stream connected");
        Assert.True(client.IsEnabled("rollout"));

        var offAt = server.SetFlag("rollout", Off);
        await Eventually.TrueAsync(() => client.Sequence == offAt, "the change applied");
        Assert.False(client.IsEnabled("rollout"));

        var deletedAt = server.SetFlag("rollout", null);
        await Eventually.TrueAsync(() => client.Sequence == deletedAt, "the deletion applied");
        Assert.True(client.IsEnabled("rollout"));

        Assert.Equal([offAt, deletedAt], changes.Select(change => change.Sequence));
        Assert.All(changes, change => Assert.Equal(["rollout"], change.Flags));
        Assert.All(changes, change => Assert.False(change.IsFullSnapshot));
    }

    [Fact]
    public async Task A_reset_refetches_the_snapshot()
    {
        await using var server = await FakeVexilServer.StartAsync();
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => server.StreamConnections > 0, "the stream connected");
        var fetches = server.SnapshotRequests;

        server.SetFlagSilently("quiet", On);
        server.Reset("definitions reloaded");

        await Eventually.TrueAsync(() => client.IsEnabled("quiet"), "the refetched snapshot applied");
        Assert.True(server.SnapshotRequests > fetches);
    }

    [Fact]
    public async Task A_gap_in_sequence_numbers_refetches_the_snapshot()
    {
        await using var server = await FakeVexilServer.StartAsync();
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => server.StreamConnections > 0, "the stream connected");

        server.SetFlagSilently("lost_event", On); // sequence 1 is never sent
        var last = server.SetFlag("after_gap", On); // sequence 2 arrives after 0

        await Eventually.TrueAsync(() => client.Sequence == last && client.IsEnabled("lost_event"), "the snapshot refetched after the gap");
        Assert.True(client.IsEnabled("after_gap"));
    }

    [Fact]
    public async Task A_dropped_stream_resumes_with_last_event_id_and_misses_nothing()
    {
        await using var server = await FakeVexilServer.StartAsync();
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => server.StreamConnections == 1, "the stream connected");
        var first = server.SetFlag("a", On);
        await Eventually.TrueAsync(() => client.Sequence == first, "the first change applied");
        var fetches = server.SnapshotRequests;

        server.StreamAvailable = false; // hold the reconnection off while changes happen
        server.DropStreams();
        await Eventually.TrueAsync(() => client.Status == VexilClientStatus.Stale, "the client noticed");
        server.SetFlag("b", On);
        var last = server.SetFlag("c", On);
        server.StreamAvailable = true;

        await Eventually.TrueAsync(() => client.Sequence == last, "the missed changes replayed");
        Assert.True(client.IsEnabled("b") && client.IsEnabled("c"));
        Assert.Contains(first.ToString(System.Globalization.CultureInfo.InvariantCulture), server.LastEventIds);
        Assert.Equal(VexilClientStatus.Ready, client.Status);
    }

    [Fact]
    public async Task A_silent_stream_is_abandoned_after_the_heartbeat_timeout()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.Silent = true;
        var logs = new ListLoggerProvider();
        var options = server.Options();
        options.HeartbeatTimeout = TimeSpan.FromMilliseconds(500);
        await using var client = await VexilClient.ConnectAsync(options, logs, null, TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => server.StreamConnections >= 2, "the client reconnected");
        Assert.True(logs.Has(LogLevel.Warning, "was silent"));

        // Once the server speaks again, the connection holds and changes flow.
        server.Silent = false;
        var at = server.SetFlag("spoken", On);
        await Eventually.TrueAsync(() => client.Sequence == at, "a change after the silence");
    }

    [Fact]
    public async Task Without_a_stream_the_client_polls_the_snapshot_with_its_etag()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.StreamAvailable = false;
        var logs = new ListLoggerProvider();
        await using var client = await VexilClient.ConnectAsync(server.Options(), logs, null, TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => server.NotModifiedAnswers >= 2, "conditional polls answered 304");
        server.SetFlag("polled", On);
        await Eventually.TrueAsync(() => client.IsEnabled("polled"), "a poll picked up the change");
        Assert.True(logs.Has(LogLevel.Warning, "offers no change stream"));
        Assert.Equal(VexilClientStatus.Ready, client.Status);
    }

    [Fact]
    public async Task A_failing_server_at_start_gives_an_empty_client_that_recovers()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("later", On);
        server.SnapshotStatus = 500;

        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);

        Assert.Equal(VexilClientStatus.Empty, client.Status);
        Assert.False(client.IsEnabled("later"));
        server.SnapshotStatus = null;
        await Eventually.TrueAsync(() => client.IsEnabled("later"), "the background retry synced");
        Assert.Equal(VexilClientStatus.Ready, client.Status);
    }

    [Fact]
    public async Task Each_applied_change_is_saved_atomically_and_a_later_start_without_the_server_uses_it()
    {
        using var folder = new TempFolder();
        var path = folder.File("snapshot.json");
        await using (var server = await FakeVexilServer.StartAsync())
        {
            server.SetDefault("defined", true);
            await using var client = await VexilClient.ConnectAsync(server.Options(path), TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => server.StreamConnections > 0, "the stream connected");
            var at = server.SetFlag("saved", ActorsOnly("User:5"));
            await Eventually.TrueAsync(() => client.Sequence == at, "the change applied");
            await Eventually.TrueAsync(() => File.ReadAllText(path).Contains("\"sequence\":1", StringComparison.Ordinal), "the file saved");
        }

        Assert.Equal(["snapshot.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        var options = new VexilClientOptions
        {
            ServerUrl = new Uri($"http://127.0.0.1:{Vexil.Testing.ChildProcess.FreePort()}/"),
            Token = "t",
            Environment = "staging",
            SnapshotPath = path,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        await using var offline = await VexilClient.ConnectAsync(options, TestContext.Current.CancellationToken);
        Assert.Equal(VexilClientStatus.Stale, offline.Status);
        Assert.True(offline.IsEnabled("saved", new Actor("User:5")));
        Assert.False(offline.IsEnabled("saved", new Actor("User:6")));
        Assert.True(offline.IsEnabled("defined"));
        Assert.Equal(1, offline.Sequence);
    }

    [Theory]
    [InlineData("{\"environment\":\"staging\",\"sequence\":")]
    [InlineData("not json at all")]
    [InlineData("{\"environment\":\"staging\",\"sequence\":3,\"flags\":{\"x\":{\"percentage_of_actors\":\"150\"}}}")]
    [InlineData("{\"environment\":\"production\",\"sequence\":3}")]
    public async Task A_corrupt_or_foreign_snapshot_file_is_ignored_with_a_warning(string content)
    {
        using var folder = new TempFolder();
        var path = folder.File("snapshot.json");
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        var logs = new ListLoggerProvider();
        var options = new VexilClientOptions
        {
            ServerUrl = new Uri($"http://127.0.0.1:{Vexil.Testing.ChildProcess.FreePort()}/"),
            Token = "t",
            Environment = "staging",
            SnapshotPath = path,
            ConnectTimeout = TimeSpan.FromSeconds(1),
        };

        await using var client = await VexilClient.ConnectAsync(options, logs, null, TestContext.Current.CancellationToken);

        Assert.Equal(VexilClientStatus.Empty, client.Status);
        Assert.False(client.IsEnabled("x"));
        Assert.True(logs.Has(LogLevel.Warning, "Ignoring the saved Vexil snapshot"), string.Join("\n", logs.Lines));
    }

    [Fact]
    public async Task Application_groups_open_group_gates_alongside_the_servers_members()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetGroup("admins", "User:1");
        server.SetFlag("admin_tools", """{"boolean":false,"actors":[],"groups":["admins","staff"],"percentage_of_actors":"0","percentage_of_time":"0"}""");
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);

        Assert.True(client.IsEnabled("admin_tools", new Actor("User:1")));
        Assert.False(client.IsEnabled("admin_tools", new Actor("User:99")));

        client.RegisterGroup("admins", actor => actor.FlipperId == "User:99");
        client.RegisterGroup("staff", actor => actor.FlipperId.StartsWith("Staff:", StringComparison.Ordinal) ? true : throw new InvalidOperationException("boom"));

        Assert.True(client.IsEnabled("admin_tools", new Actor("User:1")));
        Assert.True(client.IsEnabled("admin_tools", new Actor("User:99")));
        Assert.True(client.IsEnabled("admin_tools", new Actor("Staff:3")));
        Assert.False(client.IsEnabled("admin_tools", new Actor("User:2"))); // the throwing predicate counts as "no"
    }

    [Fact]
    public async Task Evaluation_counts_are_sent_and_kept_when_the_server_is_away()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("counted", ActorsOnly("User:1"));
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);
        for (var i = 0; i < 10; i++)
        {
            client.IsEnabled("counted", new Actor("User:1"));
        }

        for (var i = 0; i < 3; i++)
        {
            client.IsEnabled("counted");
        }

        client.IsEnabled("not_a_flag");
        server.MetricsStatus = 503;
        await client.FlushEvaluationCountsAsync(TestContext.Current.CancellationToken);
        server.MetricsStatus = 202;
        client.IsEnabled("counted");
        await client.FlushEvaluationCountsAsync(TestContext.Current.CancellationToken);

        var bodies = server.MetricsBodies.ToArray();
        Assert.Equal(2, bodies.Length);
        using var sent = System.Text.Json.JsonDocument.Parse(bodies[1]);
        var root = sent.RootElement;
        Assert.Equal("staging", root.GetProperty("environment").GetString());
        Assert.Equal(10, root.GetProperty("flags").GetProperty("counted").GetProperty("true").GetInt64());
        Assert.Equal(4, root.GetProperty("flags").GetProperty("counted").GetProperty("false").GetInt64());
        Assert.False(root.GetProperty("flags").TryGetProperty("not_a_flag", out _));
        Assert.True(root.GetProperty("window_start").GetDateTimeOffset() <= root.GetProperty("window_end").GetDateTimeOffset());

        await client.FlushEvaluationCountsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, server.MetricsBodies.Count); // nothing new to send, nothing sent
    }

    [Fact]
    public async Task Eight_threads_evaluating_while_changes_and_snapshots_apply_see_whole_states()
    {
        // Every state "always" takes is open for User:1 and every state "never" takes is closed for it, by different gates;
        // a reader that saw half of a change, or a half-built table, would get the other answer.
        string[] alwaysStates =
        [
            ActorsOnly("User:1"),
            """{"boolean":true,"actors":[],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""",
            """{"boolean":false,"actors":["User:1","User:3"],"groups":["g"],"percentage_of_actors":"10","percentage_of_time":"0"}""",
        ];
        string[] neverStates =
        [
            ActorsOnly("User:2"),
            """{"boolean":true,"actors":["User:1:opt_out"],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""",
            Off,
        ];
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("always", alwaysStates[0]);
        server.SetFlag("never", neverStates[0]);
        await using var client = await VexilClient.ConnectAsync(server.Options(), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => server.StreamConnections > 0, "the stream connected");
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var running = 0;
        var readers = Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            Actor[] three = [new("Project:3"), new("User:1"), new("Group:4")];
            long checks = 0, lastSequence = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var sequence = client.Sequence;
                    if (sequence < lastSequence)
                    {
                        failures.Enqueue($"sequence went back from {lastSequence} to {sequence}");
                    }

                    lastSequence = sequence;
                    if (!client.IsEnabled("always", new Actor("User:1")) || !client.IsEnabled("always", three))
                    {
                        failures.Enqueue($"'always' was off at about sequence {sequence}");
                    }

                    if (client.IsEnabled("never", new Actor("User:1")) || client.IsEnabled("never", three))
                    {
                        failures.Enqueue($"'never' was on at about sequence {sequence}");
                    }

                    if (checks++ == 0)
                    {
                        Interlocked.Increment(ref running);
                    }
                }
                catch (Exception error)
                {
                    failures.Enqueue(error.ToString());
                }
            }

            return checks;
        }, TestContext.Current.CancellationToken)).ToArray();

        await Eventually.TrueAsync(() => Volatile.Read(ref running) == 8, "all eight readers running");
        for (var round = 1; round <= 150; round++)
        {
            if (round % 25 == 0)
            {
                // A whole-snapshot swap as well as single changes.
                server.SetFlagSilently("always", alwaysStates[round % 3]);
                server.SetFlagSilently("never", neverStates[round % 3]);
                server.Reset("test");
            }
            else
            {
                server.SetFlag(round % 2 == 0 ? "always" : "never", round % 2 == 0 ? alwaysStates[round % 3] : neverStates[round % 3]);
            }
        }

        var last = server.SetFlag("always", alwaysStates[0]);
        await Eventually.TrueAsync(() => client.Sequence == last, "every change applied");
        await stop.CancelAsync();
        var counts = await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.All(counts, count => Assert.True(count > 0));
        Assert.True(client.IsEnabled("always", new Actor("User:1")));
    }
}
