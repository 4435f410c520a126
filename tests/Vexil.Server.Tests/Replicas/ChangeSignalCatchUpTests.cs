using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vexil.Core.State;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// The server's side of the change signal, in-process: a store whose signal the test drives. Polling is set to once an
/// hour, so what the snapshots learn comes from the signal and the catch-up after each (re)connect.
/// </summary>
public sealed class ChangeSignalCatchUpTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_committed_while_the_signal_was_down_is_caught_up_when_it_is_back_and_health_says_where_it_stands()
    {
        var signal = new DrivenSignal();
        using var factory = VexilServerFactory.With(new Dictionary<string, string?>
        {
            ["Vexil:Sync:PollInterval"] = "01:00:00",
            ["Vexil:Sync:ReconnectDelay"] = "00:00:00.2",
            ["Vexil:Sync:MaxReconnectDelay"] = "00:00:00.2",
        });
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var registration = services.Last(s => s.ServiceType == typeof(IFlagStore));
            services.RemoveAll<IFlagStore>();
            services.AddSingleton<IFlagStore>(sp => new SignallingStore((IFlagStore)registration.ImplementationFactory!(sp), signal));
        }));
        using var client = app.CreateClient();
        var store = app.Services.GetRequiredService<IFlagStore>();
        var cache = app.Services.GetRequiredService<SnapshotCache>();
        await signal.Connected.Reader.ReadAsync(Cancel);
        Assert.Equal("listening", await ListenerAsync(client));

        // The connection drops; while it is down "another replica" commits a change (straight to the store, which
        // this server's snapshots do not see). Its notification is lost with the connection.
        signal.Drop();
        var change = await store.ApplyAsync(ChangeRequest.Update("staging", "duo_chat_multi_thread", new ChangeOrigin("other-replica", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);
        Assert.Equal(0, cache.Get("staging").Sequence);
        signal.AllowReconnect();

        // Listening again, the server catches every environment up by sequence number.
        await signal.Connected.Reader.ReadAsync(Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(30); // a bound against hanging, not a speed check
        while (cache.Get("staging").Sequence != change.Event!.Sequence && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Cancel);
        }

        Assert.Equal(change.Event!.Sequence, cache.Get("staging").Sequence);
        Assert.True(cache.Get("staging").IsEnabled("duo_chat_multi_thread", "User:1"));
        Assert.Equal(2, signal.Connections);
    }

    [Fact]
    public async Task A_signalled_change_wakes_once_per_cluster_work_such_as_the_notification_leader()
    {
        var signal = new DrivenSignal();
        var told = Channel.CreateUnbounded<string>();
        using var factory = VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:Sync:PollInterval"] = "01:00:00" });
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var registration = services.Last(s => s.ServiceType == typeof(IFlagStore));
            services.RemoveAll<IFlagStore>();
            services.AddSingleton<IFlagStore>(sp => new SignallingStore((IFlagStore)registration.ImplementationFactory!(sp), signal));
            services.AddSingleton<IRemoteChangeObserver>(new ToldObserver(told.Writer));
        }));
        _ = app.Server;
        await signal.Connected.Reader.ReadAsync(Cancel);

        signal.Signal("staging");

        Assert.Equal("staging", await told.Reader.ReadAsync(Cancel));
        Assert.Contains(app.Services.GetServices<IRemoteChangeObserver>(), observer => observer is NotificationSignal);
    }

    [Fact]
    public async Task Health_says_the_database_answers_who_leads_and_each_snapshot_sequence_and_age()
    {
        using var factory = new VexilServerFactory();
        using var client = factory.CreateAdminClient();

        using var response = await client.GetAsync("/health", Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = body.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("sqlite", root.GetProperty("store").GetString());
        Assert.Equal("reachable", root.GetProperty("database").GetString());
        Assert.False(root.TryGetProperty("listener", out _)); // one SQLite process has nothing to listen to
        Assert.True(root.GetProperty("leader").GetProperty("notifications").GetBoolean()); // and always leads
        var production = root.GetProperty("snapshots").GetProperty("production");
        Assert.Equal(0, production.GetProperty("sequence").GetInt64());
        Assert.True(production.GetProperty("age_seconds").GetDouble() >= 0);
    }

    private static async Task<string?> ListenerAsync(HttpClient client)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync("/health", Cancel));
        return body.RootElement.GetProperty("listener").GetString();
    }

    /// <summary>
    /// A change signal the test drops at will; after a drop it connects again only once allowed, and each connection
    /// announces itself on <see cref="Connected"/> once the server has taken in its "listening" item.
    /// </summary>
    private sealed class DrivenSignal
    {
        private readonly SemaphoreSlim reconnects = new(0);
        private readonly Channel<string> signalled = Channel.CreateUnbounded<string>();
        private TaskCompletionSource dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<int> Connected { get; } = Channel.CreateUnbounded<int>();

        public int Connections { get; private set; }

        public void Drop() => dropped.TrySetResult();

        public void AllowReconnect() => reconnects.Release();

        public void Signal(string environment) => signalled.Writer.TryWrite(environment);

        public async IAsyncEnumerable<string?> ListenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (Connections > 0)
            {
                await reconnects.WaitAsync(cancellationToken);
            }

            dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Connections++;
            yield return null;
            await Connected.Writer.WriteAsync(Connections, cancellationToken);
            while (true)
            {
                var next = signalled.Reader.ReadAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(next, dropped.Task) != next)
                {
                    throw new IOException("The listening connection dropped (simulated).");
                }

                yield return await next;
            }
        }
    }

    private sealed class ToldObserver(ChannelWriter<string> told) : IRemoteChangeObserver
    {
        public void OnSignalled(string environment) => told.TryWrite(environment);
    }

    private sealed class SignallingStore(IFlagStore inner, DrivenSignal signal) : IFlagStore, IChangeSignal
    {
        public string Provider => inner.Provider;

        public IAsyncEnumerable<string?> ListenAsync(CancellationToken cancellationToken = default) => signal.ListenAsync(cancellationToken);

        public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

        public Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default) => inner.LoadEnvironmentAsync(environment, cancellationToken);

        public Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default) => inner.ApplyAsync(request, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default) =>
            inner.GetSequencesAsync(cancellationToken);

        public Task<IReadOnlyList<AuditEvent>> GetChangesSinceAsync(string environment, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
            inner.GetChangesSinceAsync(environment, afterSequence, limit, cancellationToken);

        public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAuditAsync(query, cancellationToken);

        public Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default) => inner.AppendRecordAsync(record, cancellationToken);
    }
}
