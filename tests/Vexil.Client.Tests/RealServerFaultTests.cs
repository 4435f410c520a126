using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vexil.Client.Tests.Fakes;
using Vexil.Testing;

namespace Vexil.Client.Tests;

/// <summary>
/// The fault tests against the real server as a child process, behind a <see cref="TcpForwarder"/> so the
/// client keeps one address while the server stops, restarts or goes silent.
/// </summary>
public sealed class RealServerFaultTests : IDisposable
{
    private readonly string folder = ChildProcess.NewFolder("vexil-client-faults");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Database => Path.Combine(folder, "vexil.db");

    private string SnapshotPath => Path.Combine(folder, "snapshot.json");

    public void Dispose() => ChildProcess.DeleteFolder(folder);

    [Fact]
    public async Task Server_down_at_start_gives_the_saved_snapshot_as_stale_and_it_recovers()
    {
        await using var forwarder = new TcpForwarder();
        long written;
        await using (var server = await StartServerAsync())
        {
            forwarder.Target = server.BaseAddress;
            await using var first = await VexilClient.ConnectAsync(Options(forwarder), Cancel);
            written = await WriteAsync(server, "saved_flag", "true", "User:1");
            await Eventually.TrueAsync(() => first.Sequence == written, "the first client saw the change");
            await Eventually.TrueAsync(() => File.Exists(SnapshotPath) && File.ReadAllText(SnapshotPath).Contains("saved_flag", StringComparison.Ordinal), "the snapshot was saved");
        }

        forwarder.Target = null;
        var logs = new ListLoggerProvider();
        await using var client = await VexilClient.ConnectAsync(Options(forwarder), logs, null, Cancel);

        Assert.Equal(VexilClientStatus.Stale, client.Status);
        Assert.Equal(written, client.Sequence);
        Assert.True(client.IsEnabled("saved_flag", new Actor("User:1")));
        Assert.False(client.IsEnabled("saved_flag", new Actor("User:2")));
        Assert.Contains("code_suggestions_context", client.FlagNames); // defined-only flags are kept in the file too
        Assert.False(client.IsEnabled(null!));
        Assert.False(client.IsEnabled("no_such_flag", default(Actor)));

        // The server comes back on the same database: the client syncs by itself.
        await using var again = await StartServerAsync();
        forwarder.Target = again.BaseAddress;
        await Eventually.TrueAsync(() => client.Status == VexilClientStatus.Ready, "the client reconnected", seconds: 60);
        var later = await WriteAsync(again, "saved_flag", "false", null);
        await Eventually.TrueAsync(() => client.Sequence == later && !client.IsEnabled("saved_flag", new Actor("User:1")), "a change after recovery");
    }

    [Fact]
    public async Task Server_restart_mid_stream_loses_no_change()
    {
        await using var forwarder = new TcpForwarder();
        var server = await StartServerAsync();
        try
        {
            forwarder.Target = server.BaseAddress;
            await using var client = await VexilClient.ConnectAsync(Options(forwarder), Cancel);
            var seen = new ConcurrentQueue<FlagsChangedEventArgs>();
            client.FlagsChanged += (_, args) => seen.Enqueue(args);
            var expected = new Dictionary<string, bool>();
            long last = 0;
            for (var i = 0; i < 5; i++)
            {
                last = await WriteAsync(server, $"before_{i}", "true", null);
                expected[$"before_{i}"] = true;
            }

            await Eventually.TrueAsync(() => client.Sequence == last, "the first changes arrived");

            // The server stops; while the client cannot reach it, a new process on the same database takes more writes.
            forwarder.Target = null;
            await server.DisposeAsync();
            forwarder.CutAll();
            server = await StartServerAsync();
            for (var i = 0; i < 5; i++)
            {
                last = await WriteAsync(server, $"during_{i}", "true", null);
                expected[$"during_{i}"] = true;
            }

            last = await WriteAsync(server, "before_0", "false", null);
            expected["before_0"] = false;
            forwarder.Target = server.BaseAddress;
            await Eventually.TrueAsync(() => client.Sequence == last, $"the client caught up to {last}", seconds: 60);
            for (var i = 0; i < 3; i++)
            {
                last = await WriteAsync(server, $"after_{i}", "true", null);
                expected[$"after_{i}"] = true;
            }

            await Eventually.TrueAsync(() => client.Sequence == last, "changes after the restart arrived");
            foreach (var (flag, enabled) in expected)
            {
                Assert.True(enabled == client.IsEnabled(flag), $"{flag} should be {enabled}");
            }

            // Sequence numbers only grow, and every changed flag was announced (events are raised just after the swap).
            await Eventually.TrueAsync(() => seen.Any(args => args.Sequence == last), "the last FlagsChanged");
            var sequences = seen.Select(args => args.Sequence).ToArray();
            Assert.Equal(sequences.Order(), sequences);
            Assert.Equal(last, sequences[^1]);
            Assert.Superset(expected.Keys.ToHashSet(), seen.SelectMany(args => args.Flags).ToHashSet());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silent_stream_is_reconnected_after_the_heartbeat_timeout()
    {
        await using var forwarder = new TcpForwarder();

        // A server whose heartbeat is far apart: after ": connected" the stream says nothing.
        await using var server = await StartServerAsync(new Dictionary<string, string> { ["Vexil:Stream:HeartbeatInterval"] = "00:10:00" });
        forwarder.Target = server.BaseAddress;
        var logs = new ListLoggerProvider();
        var options = Options(forwarder);
        options.HeartbeatTimeout = TimeSpan.FromSeconds(1);
        await using var client = await VexilClient.ConnectAsync(options, logs, null, Cancel);

        await Eventually.TrueAsync(() => logs.Lines.Count(line => line.Message.Contains("was silent", StringComparison.Ordinal)) >= 2, "the silent stream was dropped twice");
        var at = await WriteAsync(server, "after_silence", "true", null);
        await Eventually.TrueAsync(() => client.Sequence == at && client.IsEnabled("after_silence"), "a change still arrives");
    }

    [Fact]
    public async Task A_corrupt_snapshot_file_is_ignored_with_a_warning_and_replaced_after_sync()
    {
        await File.WriteAllTextAsync(SnapshotPath, "{\"environment\":\"staging\",\"sequence\":12,\"flags\":{\"x\":", Cancel);
        await using var forwarder = new TcpForwarder();
        var logs = new ListLoggerProvider();
        await using var client = await VexilClient.ConnectAsync(Options(forwarder), logs, null, Cancel);

        Assert.Equal(VexilClientStatus.Empty, client.Status);
        Assert.True(logs.Has(LogLevel.Warning, "Ignoring the saved Vexil snapshot"));
        Assert.Empty(client.FlagNames);

        await using var server = await StartServerAsync();
        forwarder.Target = server.BaseAddress;
        await Eventually.TrueAsync(() => client.Status == VexilClientStatus.Ready, "the client synced", seconds: 60);
        Assert.Contains("code_suggestions_context", client.FlagNames);
        using var saved = JsonDocument.Parse(await File.ReadAllTextAsync(SnapshotPath, Cancel));
        Assert.Equal("staging", saved.RootElement.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Eight_threads_evaluating_while_real_updates_apply_see_whole_states_and_no_exception()
    {
        await using var server = await StartServerAsync();
        await WriteAsync(server, "always", "true", "User:1");
        await WriteAsync(server, "never", "true", "User:2");
        var options = Options(null);
        options.ServerUrl = server.BaseAddress;
        await using var client = await VexilClient.ConnectAsync(options, Cancel);
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var running = 0;
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            Actor[] three = [new("Project:3"), new("User:1"), new("Group:4")];
            var first = true;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!client.IsEnabled("always", new Actor("User:1")) || !client.IsEnabled("always", three))
                    {
                        failures.Enqueue("'always' was off for User:1");
                    }

                    if (client.IsEnabled("never", new Actor("User:1")) || client.IsEnabled("never", three))
                    {
                        failures.Enqueue("'never' was on for User:1");
                    }
                }
                catch (Exception error)
                {
                    failures.Enqueue(error.ToString());
                }

                if (first)
                {
                    first = false;
                    Interlocked.Increment(ref running);
                }
            }
        }, Cancel)).ToArray();
        await Eventually.TrueAsync(() => Volatile.Read(ref running) == 8, "eight readers running");

        long last = 0;
        for (var i = 0; i < 30; i++)
        {
            // Both flags change gates all the time; neither ever changes its answer for User:1.
            last = await WriteAsync(server, "always", (10 + i).ToString(CultureInfo.InvariantCulture), null, "percentage_of_actors");
            last = await WriteAsync(server, "never", i % 2 == 0 ? "true" : "false", $"User:{100 + i}");
        }

        await Eventually.TrueAsync(() => client.Sequence == last, "every change applied");
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
    }

    private VexilClientOptions Options(TcpForwarder? forwarder) => new()
    {
        ServerUrl = forwarder?.BaseAddress ?? new Uri("http://127.0.0.1:1/"),
        Token = RealServerProcess.AdminToken,
        Environment = "gstg",
        SnapshotPath = SnapshotPath,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        InitialReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        MetricsFlushInterval = TimeSpan.FromHours(1),
    };

    private Task<RealServerProcess> StartServerAsync(Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? []) { ["ConnectionStrings:Vexil"] = $"Data Source={Database}" };
        return RealServerProcess.StartAsync(all, Cancel);
    }

    // Writes through the GitLab Features API (as chat and CI do) and returns the change's sequence number.
    private static async Task<long> WriteAsync(RealServerProcess server, string flag, string value, string? actor, string? key = null)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
        var form = new Dictionary<string, string> { ["value"] = value, ["environment"] = "staging", ["force"] = "true" };
        if (actor is not null)
        {
            form["user"] = actor["User:".Length..]; // the GitLab API names users: user=1 is User:1
        }

        if (key is not null)
        {
            form["key"] = key;
        }

        using var response = await http.PostAsync($"/api/v4/features/{flag}", new FormUrlEncodedContent(form), Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        using var snapshot = JsonDocument.Parse(await http.GetStringAsync("/api/v1/environments/staging/snapshot", Cancel));
        return snapshot.RootElement.GetProperty("sequence").GetInt64();
    }
}
