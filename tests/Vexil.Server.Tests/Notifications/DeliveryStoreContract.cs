using System.Globalization;
using Vexil.Core.State;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>
/// What every <see cref="INotificationDeliveryStore"/> must do, run against each implementation by a subclass, each
/// test on a database of its own migrated by the flag store (the queue comes with schema 4).
/// </summary>
public abstract class DeliveryStoreContract : FeatureStoreContract
{
    private IFlagStore Flags { get; set; } = null!;

    private INotificationDeliveryStore Store { get; set; } = null!;

    /// <summary>A delivery store on this test's database.</summary>
    protected abstract INotificationDeliveryStore NewDeliveryStore();

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        Flags = await MigrateAsync();
        Store = Track(NewDeliveryStore());
    }

    [Fact]
    public async Task The_migration_records_schema_4_notifications()
    {
        Assert.Equal("notifications", await ScalarAsync("SELECT name FROM vexil_schema_migrations WHERE version = 4"));
    }

    [Fact]
    public async Task Every_committed_change_waits_in_the_outbox_and_a_refused_or_empty_one_does_not()
    {
        var first = await ChangeAsync("staging", "duo_chat_multi_thread", GateOperation.OptOut("User:ck3g"));
        var refused = await Flags.ApplyAsync(ChangeRequest.Update("staging", "duo_chat_multi_thread", Origin(), GateOperation.EnableActor("User:ck3g")), Cancel);
        var nothingToDelete = await Flags.ApplyAsync(ChangeRequest.Remove("production", "never_stored", Origin()), Cancel);
        var second = await ChangeAsync("production", "code_suggestions_context", GateOperation.EnableBoolean());

        Assert.False(refused.Accepted);
        Assert.Null(nothingToDelete.Event);
        var pending = await Store.PendingChangesAsync(10, Cancel);
        Assert.Equal([first.Id, second.Id], pending.Select(change => change.Id));
        Assert.Equal((first.Flag, first.Environment, first.Title, first.After), (pending[0].Flag, pending[0].Environment, pending[0].Title, pending[0].After));
        Assert.Equal(first.Details, pending[0].Details);
        Assert.Equal([first.Id], (await Store.PendingChangesAsync(1, Cancel)).Select(change => change.Id));
    }

    [Fact]
    public async Task Enqueueing_queues_the_deliveries_and_takes_the_change_off_the_outbox()
    {
        var change = await ChangeAsync("production", "duo_chat_multi_thread", GateOperation.EnableBoolean());
        Clock.Advance(TimeSpan.FromSeconds(2));

        await Store.EnqueueAsync(change, [Slack("slack:production"), Webhook("webhook:grafana")], Clock.GetUtcNow(), Cancel);

        Assert.Empty(await Store.PendingChangesAsync(10, Cancel));
        var deliveries = (await Store.ListAsync(new DeliveryQuery(), Cancel)).Deliveries.OrderBy(d => d.Id).ToArray();
        Assert.Equal(2, deliveries.Length);
        var slack = deliveries[0];
        Assert.Equal(
            new Delivery(slack.Id, change.Id, "production", "duo_chat_multi_thread", DeliveryKinds.Slack, "slack:production", """{"text":"slack:production"}""",
                DeliveryStatus.Pending, 0, Clock.GetUtcNow(), Clock.GetUtcNow(), null, null, null, null),
            slack);
        Assert.Equal((DeliveryKinds.Webhook, "webhook:grafana"), (deliveries[1].Kind, deliveries[1].Target));
    }

    [Fact]
    public async Task A_change_without_deliveries_still_leaves_the_outbox()
    {
        var change = await ChangeAsync("dev", "duo_chat_multi_thread", GateOperation.EnableBoolean());

        await Store.EnqueueAsync(change, [], Clock.GetUtcNow(), Cancel);

        Assert.Empty(await Store.PendingChangesAsync(10, Cancel));
        Assert.Equal(0, (await Store.ListAsync(new DeliveryQuery(), Cancel)).Total);
    }

    [Fact]
    public async Task Planning_a_change_twice_queues_nothing_twice()
    {
        var change = await ChangeAsync("production", "duo_chat_multi_thread", GateOperation.EnableBoolean());

        await Store.EnqueueAsync(change, [Slack("slack:production")], Clock.GetUtcNow(), Cancel);
        await Store.EnqueueAsync(change, [Slack("slack:production"), Slack("slack:team:group::duo chat")], Clock.GetUtcNow(), Cancel);

        var targets = (await Store.ListAsync(new DeliveryQuery(), Cancel)).Deliveries.Select(d => d.Target).Order(StringComparer.Ordinal);
        Assert.Equal(["slack:production", "slack:team:group::duo chat"], targets);
    }

    [Fact]
    public async Task Claiming_takes_the_delivery_due_longest_and_holds_it_until_the_lease_ends()
    {
        var ids = await QueueAsync(3);
        var now = Clock.GetUtcNow();
        await Store.MarkFailedAsync(ids[0], now, 500, "HTTP 500", now.AddMinutes(10), null, Cancel);

        Assert.Equal(ids[1], (await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel))?.Id);
        Assert.Equal(ids[2], (await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel))?.Id);
        Assert.Null(await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel));
        Assert.Null(await Store.ClaimNextAsync(now.AddSeconds(59), now.AddMinutes(2), Cancel));

        // The leases ran out (the worker died): the deliveries are due again, before the one waiting for its retry.
        var later = now.AddMinutes(10);
        var reclaimed = new List<long?>();
        for (var i = 0; i < 4; i++)
        {
            reclaimed.Add((await Store.ClaimNextAsync(later, later.AddMinutes(1), Cancel))?.Id);
        }

        Assert.Equal([ids[1], ids[2], ids[0], null], reclaimed);
    }

    [Fact]
    public async Task A_receiver_is_sent_one_delivery_at_a_time_in_order()
    {
        var first = (await QueueAsync(1, target: "slack:production"))[0];
        var other = (await QueueAsync(1, target: "webhook:grafana"))[0];
        var second = (await QueueAsync(1, target: "slack:production"))[0];
        var now = Clock.GetUtcNow();

        Assert.Equal(first, (await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel))?.Id);
        Assert.Equal(other, (await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel))?.Id);
        Assert.Null(await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel));

        await Store.MarkDeliveredAsync(first, now, 200, null, Cancel);
        Assert.Equal(second, (await Store.ClaimNextAsync(now, now.AddMinutes(1), Cancel))?.Id);
    }

    [Fact]
    public async Task The_claimed_delivery_comes_back_whole()
    {
        var id = (await QueueAsync(1, DeliveryKinds.EndToEnd, "end_to_end"))[0];

        var claimed = await Store.ClaimNextAsync(Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(1), Cancel);

        Assert.Equal(await Store.GetAsync(id, Cancel), claimed);
    }

    [Fact]
    public async Task A_delivered_attempt_is_recorded_and_its_follow_up_queued_for_the_same_change()
    {
        var id = (await QueueAsync(1, DeliveryKinds.EndToEnd, "end_to_end"))[0];
        var at = Clock.GetUtcNow().AddSeconds(1.5);

        await Store.MarkDeliveredAsync(id, at, 201, Slack("slack:qa"), Cancel);

        var delivered = (await Store.GetAsync(id, Cancel))!;
        Assert.Equal((DeliveryStatus.Delivered, 1, at, at, 201, (string?)null, (DateTimeOffset?)null), (delivered.Status, delivered.Attempts, delivered.LastAttemptAt, delivered.DeliveredAt, delivered.LastStatusCode, delivered.LastError, delivered.NextAttemptAt));
        var followUp = (await Store.ListAsync(new DeliveryQuery(DeliveryStatus.Pending), Cancel)).Deliveries.Single();
        Assert.Equal((delivered.EventId, delivered.Environment, delivered.Flag, "slack:qa", at), (followUp.EventId, followUp.Environment, followUp.Flag, followUp.Target, followUp.NextAttemptAt));
        Assert.Equal(followUp.Id, (await Store.ClaimNextAsync(at, at.AddMinutes(1), Cancel))?.Id);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_later_or_dead_lettered_with_its_follow_up()
    {
        var id = (await QueueAsync(1, DeliveryKinds.EndToEnd, "end_to_end"))[0];
        var first = Clock.GetUtcNow();

        await Store.MarkFailedAsync(id, first, 503, "HTTP 503 Service Unavailable", first.AddSeconds(10), null, Cancel);
        var retrying = (await Store.GetAsync(id, Cancel))!;
        Assert.Equal((DeliveryStatus.Pending, 1, (DateTimeOffset?)first.AddSeconds(10), "HTTP 503 Service Unavailable", (int?)503), (retrying.Status, retrying.Attempts, retrying.NextAttemptAt, retrying.LastError, retrying.LastStatusCode));

        await Store.MarkFailedAsync(id, first.AddSeconds(10), null, "No answer within 10 s.", null, Slack("slack:qa"), Cancel);
        var dead = (await Store.GetAsync(id, Cancel))!;
        Assert.Equal((DeliveryStatus.DeadLettered, 2, (DateTimeOffset?)null, "No answer within 10 s.", (int?)null), (dead.Status, dead.Attempts, dead.NextAttemptAt, dead.LastError, dead.LastStatusCode));
        Assert.Equal("slack:qa", (await Store.ListAsync(new DeliveryQuery(DeliveryStatus.Pending), Cancel)).Deliveries.Single().Target);
    }

    [Fact]
    public async Task An_outcome_recorded_twice_counts_once()
    {
        var id = (await QueueAsync(1))[0];

        await Store.MarkDeliveredAsync(id, Clock.GetUtcNow(), 200, null, Cancel);
        await Store.MarkFailedAsync(id, Clock.GetUtcNow(), 500, "late duplicate", null, null, Cancel);

        var delivery = (await Store.GetAsync(id, Cancel))!;
        Assert.Equal((DeliveryStatus.Delivered, 1, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task Long_errors_are_cut()
    {
        var id = (await QueueAsync(1))[0];

        await Store.MarkFailedAsync(id, Clock.GetUtcNow(), 500, new string('x', 5000), null, null, Cancel);

        var error = (await Store.GetAsync(id, Cancel))!.LastError!;
        Assert.Equal(1000, error.Length);
        Assert.EndsWith("…", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_is_newest_first_in_pages_and_filters_by_status()
    {
        var ids = await QueueAsync(5);
        await Store.MarkDeliveredAsync(ids[1], Clock.GetUtcNow(), 200, null, Cancel);
        await Store.MarkFailedAsync(ids[3], Clock.GetUtcNow(), 404, "HTTP 404", null, null, Cancel);

        var page = await Store.ListAsync(new DeliveryQuery(null, 2, 2), Cancel);
        Assert.Equal((5L, 2, 2), (page.Total, page.Page, page.PageSize));
        Assert.Equal([ids[2], ids[1]], page.Deliveries.Select(d => d.Id));
        Assert.Equal([ids[4], ids[2], ids[0]], (await Store.ListAsync(new DeliveryQuery(DeliveryStatus.Pending), Cancel)).Deliveries.Select(d => d.Id));
        Assert.Equal([ids[3]], (await Store.ListAsync(new DeliveryQuery(DeliveryStatus.DeadLettered), Cancel)).Deliveries.Select(d => d.Id));
        Assert.Equal(1, (await Store.ListAsync(new DeliveryQuery(DeliveryStatus.Delivered), Cancel)).Total);
        Assert.Null(await Store.GetAsync(ids[4] + 100, Cancel));
    }

    [Fact]
    public async Task A_dead_lettered_delivery_can_be_requeued_and_nothing_else()
    {
        var ids = await QueueAsync(2);
        await Store.MarkFailedAsync(ids[0], Clock.GetUtcNow(), 404, "HTTP 404", null, null, Cancel);
        Clock.Advance(TimeSpan.FromHours(1));

        var requeued = await Store.RequeueAsync(ids[0], Clock.GetUtcNow(), Cancel);

        Assert.Equal((DeliveryStatus.Pending, 0, (DateTimeOffset?)Clock.GetUtcNow(), "HTTP 404"), (requeued!.Status, requeued.Attempts, requeued.NextAttemptAt, requeued.LastError));
        Assert.Null(await Store.RequeueAsync(ids[1], Clock.GetUtcNow(), Cancel));
        Assert.Null(await Store.RequeueAsync(ids[1] + 100, Clock.GetUtcNow(), Cancel));
    }

    [Fact]
    public async Task Pruning_removes_old_finished_deliveries_only()
    {
        var old = await QueueAsync(3);
        await Store.MarkDeliveredAsync(old[0], Clock.GetUtcNow(), 200, null, Cancel);
        await Store.MarkFailedAsync(old[1], Clock.GetUtcNow(), 404, "HTTP 404", null, null, Cancel);
        Clock.Advance(TimeSpan.FromDays(31));
        var recent = await QueueAsync(1);
        await Store.MarkDeliveredAsync(recent[0], Clock.GetUtcNow(), 200, null, Cancel);

        Assert.Equal(2, await Store.PruneAsync(Clock.GetUtcNow().AddDays(-30), Cancel));

        Assert.Equal([recent[0], old[2]], (await Store.ListAsync(new DeliveryQuery(), Cancel)).Deliveries.Select(d => d.Id));
    }

    [Fact]
    public async Task Times_keep_microseconds_and_come_back_in_utc()
    {
        var id = (await QueueAsync(1))[0];
        var at = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        await Store.MarkFailedAsync(id, at, null, "x", at.AddSeconds(10), null, Cancel);

        var delivery = (await Store.GetAsync(id, Cancel))!;
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), delivery.LastAttemptAt);
        Assert.Equal(TimeSpan.Zero, delivery.LastAttemptAt!.Value.Offset);
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_before_anything_is_written()
    {
        var change = await ChangeAsync("production", "duo_chat_multi_thread", GateOperation.EnableBoolean());

        await Assert.ThrowsAsync<ArgumentException>(() => Store.EnqueueAsync(change, [Slack("slack:production"), new NewDelivery("pager", "x", "{}")], Clock.GetUtcNow(), Cancel));

        Assert.Equal([change.Id], (await Store.PendingChangesAsync(10, Cancel)).Select(pending => pending.Id));
        Assert.Equal(0, (await Store.ListAsync(new DeliveryQuery(), Cancel)).Total);
    }

    private static ChangeOrigin Origin() => new("lulalala", ChangeChannels.Chat, "#production") { Title = "t", Details = new Dictionary<string, string> { ["value"] = "true" } };

    private static NewDelivery Slack(string target) => new(DeliveryKinds.Slack, target, $$"""{"text":"{{target}}"}""");

    private static NewDelivery Webhook(string target) => new(DeliveryKinds.Webhook, target, """{"event":"flag.changed"}""");

    private async Task<AuditEvent> ChangeAsync(string environment, string flag, GateOperation operation)
    {
        var result = await Flags.ApplyAsync(ChangeRequest.Update(environment, flag, Origin(), operation), Cancel);
        return result.Event ?? throw new InvalidOperationException(result.Refusal);
    }

    private async Task<long[]> QueueAsync(int count, string kind = DeliveryKinds.Slack, string? target = null)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var change = await ChangeAsync("production", "flag_" + i.ToString(CultureInfo.InvariantCulture), GateOperation.EnableBoolean());
            await Store.EnqueueAsync(change, [new NewDelivery(kind, target ?? $"slack:team:{change.Id}", "{}")], Clock.GetUtcNow(), Cancel);
            var queued = await Store.ListAsync(new DeliveryQuery(null, 1, 1), Cancel);
            ids.Add(queued.Deliveries[0].Id);
            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        return [.. ids];
    }
}
