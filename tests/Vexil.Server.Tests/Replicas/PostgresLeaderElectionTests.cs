using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Vexil.Server.Leadership;
using Vexil.Server.Leadership.Postgres;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Replicas;

/// <summary>Leader election by advisory lock, in-process: two "replicas" (handles of their own) on one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaderElectionTests(PostgresClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a bound against hanging, not a speed check
    private readonly PostgresTestDatabase database = new(fixture, "vexil_leader");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_leads_and_when_its_session_is_cut_its_work_stops_and_the_other_takes_over()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var one = new Contender("one", Election("one"));
        var two = new Contender("two", Election("two"));
        var running = Task.WhenAll(one.RunAsync(stop.Token), two.RunAsync(stop.Token));

        await EventuallyAsync(() => one.Working || two.Working, "one of them works");
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel); // several check intervals: the other must not start meanwhile
        Assert.True(one.Working ^ two.Working, $"one: {one.Working}, two: {two.Working}");
        var (leader, follower) = one.Working ? (one, two) : (two, one);
        Assert.True(leader.Election.IsLeading(LeaderLocks.Notifications));
        Assert.False(follower.Election.IsLeading(LeaderLocks.Notifications));

        // Cut the leader's lock session, as a lost connection would: it must stop working, and the other take over.
        Assert.Equal(1L, await database.ScalarAsync($"SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = '{leader.Name} leader:notifications'"));
        await EventuallyAsync(() => leader.Stopped == 1, $"{leader.Name} stops its work");
        await EventuallyAsync(() => follower.Working, $"{follower.Name} takes over");

        await stop.CancelAsync();
        await running;
        Assert.False(one.Working || two.Working);
    }

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DropAsync();

    private PostgresLeaderElection Election(string name)
    {
        var handle = database.NewHandle(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = name }.ConnectionString);
        return new PostgresLeaderElection(
            handle,
            Options.Create(new LeadershipOptions { CheckInterval = TimeSpan.FromMilliseconds(200) }),
            NullLogger<PostgresLeaderElection>.Instance);
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Patience.TotalSeconds} s: {what}.");
            await Task.Delay(20, Cancel);
        }
    }

    private sealed class Contender(string name, PostgresLeaderElection election)
    {
        private int working;
        private int stopped;

        public string Name => name;

        public PostgresLeaderElection Election => election;

        public bool Working => Volatile.Read(ref working) == 1;

        public int Stopped => Volatile.Read(ref stopped);

        public Task RunAsync(CancellationToken stoppingToken) =>
            election.RunWhileLeadingAsync(LeaderLocks.Notifications, async leading =>
            {
                Volatile.Write(ref working, 1);
                try
                {
                    await Task.Delay(Timeout.Infinite, leading);
                }
                finally
                {
                    Volatile.Write(ref working, 0);
                    Interlocked.Increment(ref stopped);
                }
            }, stoppingToken);
    }
}
