using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.Evaluation;
using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Snapshots;

public sealed class SnapshotCacheTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_through_the_change_service_is_visible_in_the_snapshot_when_it_returns()
    {
        using var factory = new VexilServerFactory();
        _ = factory.Server;
        var changes = factory.Services.GetRequiredService<FlagChangeService>();
        var cache = factory.Services.GetRequiredService<SnapshotCache>();
        var before = cache.Get("staging");

        var result = await changes.ApplyAsync(ChangeRequest.Update("staging", "duo_chat_multi_thread", new ChangeOrigin("t", ChangeChannels.Api), GateOperation.EnableActor("User:1")), Cancel);

        Assert.True(result.Accepted);
        var after = cache.Get("staging");
        Assert.NotSame(before, after);
        Assert.Equal(result.Event!.Sequence, after.Sequence);
        Assert.True(after.IsEnabled("duo_chat_multi_thread", "User:1"));
        Assert.False(before.IsEnabled("duo_chat_multi_thread", "User:1")); // the old snapshot never changes
    }

    [Fact]
    public async Task The_change_service_refuses_bad_input_and_writes_nothing()
    {
        using var factory = new VexilServerFactory();
        _ = factory.Server;
        var changes = factory.Services.GetRequiredService<FlagChangeService>();
        var store = factory.Services.GetRequiredService<IFlagStore>();
        var origin = new ChangeOrigin("t", ChangeChannels.Api);

        string?[] refusals =
        [
            (await changes.ApplyAsync(ChangeRequest.Update("staging", "Bad-Name", origin, GateOperation.EnableBoolean()), Cancel)).Refusal,
            (await changes.ApplyAsync(ChangeRequest.Update("gstg", "ok_flag", origin, GateOperation.EnableBoolean()), Cancel)).Refusal,
            (await changes.ApplyAsync(ChangeRequest.Update("nowhere", "ok_flag", origin, GateOperation.EnableBoolean()), Cancel)).Refusal,
            (await changes.ApplyAsync(ChangeRequest.Update("staging", "ok_flag", origin, GateOperation.EnableActor("User:\u0000")), Cancel)).Refusal,
            (await changes.ApplyAsync(ChangeRequest.Update("staging", "ok_flag", origin, GateOperation.EnableGroup("nope")), Cancel)).Refusal,
            (await changes.ApplyAsync(ChangeRequest.Update("staging", "ok_flag", origin), Cancel)).Refusal,
        ];

        Assert.All(refusals, Assert.NotNull);
        Assert.Contains("Unknown environment 'nowhere'", refusals[2], StringComparison.Ordinal);
        Assert.Contains("gitlab_team_members", refusals[4], StringComparison.Ordinal);
        var audit = await store.QueryAuditAsync(new AuditQuery(), Cancel);
        Assert.Equal(0, audit.Total);
    }

    [Fact]
    public async Task Changes_written_by_another_server_process_are_picked_up_from_the_change_feed()
    {
        using var factory = VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:Sync:PollInterval"] = "00:00:00.050" });
        _ = factory.Server;
        var cache = factory.Services.GetRequiredService<SnapshotCache>();
        var store = factory.Services.GetRequiredService<IFlagStore>();

        // Writing to the store directly is what another replica sharing the database does.
        await store.ApplyAsync(ChangeRequest.Update("production", "replica_flag", new ChangeOrigin("other", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);
        await store.ApplyAsync(ChangeRequest.Update("production", "replica_flag", new ChangeOrigin("other", ChangeChannels.Api), GateOperation.DisableBoolean()), Cancel);
        await store.ApplyAsync(ChangeRequest.Update("production", "replica_flag", new ChangeOrigin("other", ChangeChannels.Api), GateOperation.EnableActor("User:7")), Cancel);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a bound against hanging, not a speed check
        while (cache.Get("production").Sequence < 3)
        {
            await Task.Delay(20, deadline.Token);
        }

        var snapshot = cache.Get("production");
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.TargetingMatch), snapshot.Evaluate("replica_flag", ["User:7"]));
        Assert.False(snapshot.IsEnabled("replica_flag"));
    }

    [Fact]
    public async Task The_poll_keeps_an_unchanged_environment_confirmed_so_its_age_stays_fresh()
    {
        // The poll reads every environment's sequence in one query and catches up only what moved; one that did not move
        // must still count as in step with the database, or vexil_snapshot_age_seconds would grow on every quiet server.
        using var factory = VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:Sync:PollInterval"] = "00:00:00.050" });
        _ = factory.Server;
        var cache = factory.Services.GetRequiredService<SnapshotCache>();
        var changes = factory.Services.GetRequiredService<FlagChangeService>();
        await changes.ApplyAsync(ChangeRequest.Update("staging", "quiet_flag", new ChangeOrigin("t", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);

        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        // Some sixty polls have run, each confirming the snapshot: its age is about one poll interval, and certainly
        // less than the 3 s waited since the write (which is what it would be without the confirmation).
        Assert.True(cache.Age("staging") < TimeSpan.FromSeconds(2.5), $"staging's snapshot age is {cache.Age("staging")}");
        Assert.True(cache.Age("dev") < TimeSpan.FromSeconds(2.5), $"dev (never written) has snapshot age {cache.Age("dev")}");
        Assert.True(cache.ConfirmIfCurrent("staging", cache.Get("staging").Sequence));
        Assert.False(cache.ConfirmIfCurrent("staging", cache.Get("staging").Sequence + 1));
    }

    [Fact]
    public async Task Subscribers_are_told_of_each_change()
    {
        using var factory = new VexilServerFactory();
        _ = factory.Server;
        var feed = factory.Services.GetRequiredService<ChangeFeed>();
        using var subscription = feed.Subscribe("dev");
        var changes = factory.Services.GetRequiredService<FlagChangeService>();

        var result = await changes.ApplyAsync(ChangeRequest.Update("dev", "notify_flag", new ChangeOrigin("t", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);

        var change = await subscription.Reader.ReadAsync(Cancel);
        Assert.Equal(FeedEvent.Change("dev", result.Event!.Sequence, "notify_flag", result.Event.After), change);
    }

    [Fact]
    public async Task A_reload_that_changed_nothing_publishes_nothing_and_one_that_moved_the_sequence_publishes_a_reset()
    {
        // A long poll interval: the reload, not the sync service, must be what notices the other process's writes.
        using var factory = VexilServerFactory.With(new Dictionary<string, string?> { ["Vexil:Sync:PollInterval"] = "01:00:00" });
        _ = factory.Server;
        var cache = factory.Services.GetRequiredService<SnapshotCache>();
        var store = factory.Services.GetRequiredService<IFlagStore>();
        using var subscription = factory.Services.GetRequiredService<ChangeFeed>().Subscribe("ops");

        await cache.ReloadAsync("ops", Cancel);
        Assert.False(subscription.Reader.TryRead(out _));

        await store.ApplyAsync(ChangeRequest.Update("ops", "reload_flag", new ChangeOrigin("other", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);
        await cache.ReloadAsync("ops", Cancel);

        Assert.True(subscription.Reader.TryRead(out var reset));
        Assert.Equal(FeedEventKind.Reset, reset.Kind);
        Assert.Equal(cache.Get("ops").Sequence, reset.Sequence);
        Assert.True(cache.Get("ops").IsEnabled("reload_flag"));
    }
}
