using System.Data.Common;
using System.Globalization;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Storage;

/// <summary>
/// What every <see cref="IFlagStore"/> must do, run against each implementation by a subclass (Flipper keeps a shared
/// adapter spec the same way). Each test gets a database of its own: the subclass creates it on the first call to
/// <see cref="NewStore"/> and removes it when the test ends.
/// </summary>
public abstract partial class FlagStoreContract : IAsyncLifetime
{
    /// <summary>The environment most tests write to.</summary>
    protected const string Staging = "staging";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IFlagStore> stores = [];

    /// <summary>The clock the stores of this test stamp audit events with.</summary>
    protected ManualTimeProvider Clock { get; } = new(Start);

    /// <summary>The cancellation token of the running test.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A store on this test's database, not yet initialized. Several calls reach the same database.</summary>
    protected abstract IFlagStore NewStore(TimeProvider time);

    /// <summary>Runs SQL directly on this test's database, as an operator with a console would.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>Runs a query directly on this test's database and returns the first column of the first row.</summary>
    protected abstract Task<object?> ScalarAsync(string sql);

    /// <summary>Removes this test's database, after its stores are disposed.</summary>
    protected virtual ValueTask DropDatabaseAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>How many migrations this build has for the store's engine (its provider names its migration folder).</summary>
    protected static long KnownMigrations(IFlagStore store) => Vexil.Server.Storage.Migrations.MigrationCatalog.For(store.Provider).Count;

    /// <summary>A store on this test's database, tracked for disposal, not initialized.</summary>
    protected IFlagStore Track(IFlagStore store)
    {
        stores.Add(store);
        return store;
    }

    /// <summary>A store on this test's database, initialized.</summary>
    protected async Task<IFlagStore> OpenStoreAsync()
    {
        var store = Track(NewStore(Clock));
        await store.InitializeAsync(Cancel);
        return store;
    }

    /// <summary>Who made the test's changes.</summary>
    protected static ChangeOrigin Origin(string user = "alice") => new(user, ChangeChannels.Cli, From: "#production", Reason: "rollout", RequestId: "req-1");

    // ----- Initialization -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Initialize_on_an_empty_database_marks_it_as_vexils_and_records_the_migrations()
    {
        var store = await OpenStoreAsync();

        Assert.Equal("vexil", await ScalarAsync("SELECT value FROM vexil_meta WHERE key = 'application'"));
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM vexil_schema_migrations WHERE version = 1 AND name = 'initial'"), CultureInfo.InvariantCulture));
        Assert.True(await store.PingAsync(Cancel));
    }

    [Fact]
    public async Task Initialize_run_again_changes_nothing_and_keeps_the_data()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        await store.InitializeAsync(Cancel);
        var second = Track(NewStore(Clock));
        await second.InitializeAsync(Cancel);

        Assert.Equal(KnownMigrations(store), Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM vexil_schema_migrations"), CultureInfo.InvariantCulture));
        var state = await second.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(1, state.Sequence);
        Assert.True(state.Flags["my_flag"].Boolean);
    }

    [Fact]
    public async Task Initialize_from_several_stores_at_once_migrates_exactly_once()
    {
        var starts = Enumerable.Range(0, 4).Select(_ => Track(NewStore(Clock))).Select(store => Task.Run(() => store.InitializeAsync(Cancel), Cancel));

        await Task.WhenAll(starts);

        Assert.Equal(KnownMigrations(Track(NewStore(Clock))), Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM vexil_schema_migrations"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Initialize_refuses_a_database_written_by_a_newer_vexil()
    {
        var store = await OpenStoreAsync();
        await ExecuteSqlAsync("INSERT INTO vexil_schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', '2030-01-01T00:00:00.000000Z')");

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => Track(NewStore(Clock)).InitializeAsync(Cancel));

        Assert.Contains($"was written by a newer Vexil (schema 9999, this build knows up to {KnownMigrations(store)})", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("upgrade Vexil or point ConnectionStrings:Vexil at another database.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_refuses_a_database_that_holds_other_tables()
    {
        await ExecuteSqlAsync("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => Track(NewStore(Clock)).InitializeAsync(Cancel));

        Assert.Contains("already holds tables that are not Vexil's (customers)", error.Message, StringComparison.Ordinal);
        Assert.Contains("point ConnectionStrings:Vexil at an empty database or one that Vexil created", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync(TableCountSql("vexil_meta")), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Initialize_refuses_a_database_marked_as_another_applications()
    {
        await ExecuteSqlAsync("CREATE TABLE vexil_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        await ExecuteSqlAsync("INSERT INTO vexil_meta (key, value) VALUES ('application', 'unleash')");

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => Track(NewStore(Clock)).InitializeAsync(Cancel));

        Assert.Contains("belongs to 'unleash', not Vexil", error.Message, StringComparison.Ordinal);
    }

    /// <summary>SQL counting the tables of a given name in this test's database (one per engine).</summary>
    protected abstract string TableCountSql(string table);

    // ----- Reads of nothing ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Loading_an_unknown_environment_gives_sequence_zero_and_no_flags()
    {
        var store = await OpenStoreAsync();

        var state = await store.LoadEnvironmentAsync("nowhere", Cancel);

        Assert.Equal("nowhere", state.Environment);
        Assert.Equal(0, state.Sequence);
        Assert.Empty(state.Flags);
        Assert.Empty(await store.GetChangesSinceAsync("nowhere", 0, 10, Cancel));
    }

    // ----- Round trips --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Enable_creates_the_flag_with_the_boolean_gate()
    {
        var store = await OpenStoreAsync();

        var result = await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        Assert.True(result.Accepted);
        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(FlagState.Empty with { Boolean = true }, state.Flags["my_flag"]);
        Assert.Equal(FlagStatus.On, state.Flags["my_flag"].Status);
    }

    [Fact]
    public async Task Actors_groups_and_percentages_round_trip_exactly()
    {
        var store = await OpenStoreAsync();
        var expected = FlagState.Create(
            false,
            ["User:1", "Project:gitlab-org/gitlab", "Group:9970", "User:2:opt_out", "User:é", "User:😀"],
            ["gitlab_team_members", "beta"],
            Percentage.Parse("2.007"),
            Percentage.Parse("0.5"));

        await store.ApplyAsync(
            ChangeRequest.Update(
                Staging,
                "my_flag",
                Origin(),
                GateOperation.EnableActor("User:1"),
                GateOperation.EnableActor("Project:gitlab-org/gitlab"),
                GateOperation.EnableActor("Group:9970"),
                GateOperation.OptOut("User:2"),
                GateOperation.EnableActor("User:é"),
                GateOperation.EnableActor("User:😀"),
                GateOperation.EnableGroup("gitlab_team_members"),
                GateOperation.EnableGroup("beta"),
                GateOperation.SetPercentageOfActors(Percentage.Parse("2.007")),
                GateOperation.SetPercentageOfTime(Percentage.Parse("0.5"))),
            Cancel);

        var loaded = (await store.LoadEnvironmentAsync(Staging, Cancel)).Flags["my_flag"];
        Assert.Equal(expected, loaded);
        Assert.Equal(expected.Actors, loaded.Actors);
        Assert.Equal(2007, loaded.PercentageOfActors.Thousandths);
        Assert.Equal(500, loaded.PercentageOfTime.Thousandths);
    }

    [Fact]
    public async Task Removing_an_actor_and_a_group_and_zeroing_percentages_round_trips()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(
            ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1"), GateOperation.EnableActor("User:2"), GateOperation.EnableGroup("beta"), GateOperation.SetPercentageOfActors(Percentage.Parse("25"))),
            Cancel);

        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.DisableActor("User:1")), Cancel);
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.DisableGroup("beta")), Cancel);
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.SetPercentageOfActors(Percentage.Zero)), Cancel);

        var loaded = (await store.LoadEnvironmentAsync(Staging, Cancel)).Flags["my_flag"];
        Assert.Equal(FlagState.Create(false, ["User:2"]), loaded);
    }

    [Fact]
    public async Task Disable_keeps_the_flag_persisted_with_every_gate_off()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1"), GateOperation.EnableGroup("beta")), Cancel);

        var result = await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.DisableBoolean()), Cancel);

        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.True(state.Flags.ContainsKey("my_flag"));
        Assert.Equal(FlagState.Empty, state.Flags["my_flag"]);
        Assert.Equal("disable", result.Event!.Action);
        Assert.Equal(FlagState.Empty, result.Event.After);
    }

    [Fact]
    public async Task Environments_are_isolated()
    {
        var store = await OpenStoreAsync();

        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);
        await store.ApplyAsync(ChangeRequest.Update("production", "other_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);

        var staging = await store.LoadEnvironmentAsync(Staging, Cancel);
        var production = await store.LoadEnvironmentAsync("production", Cancel);
        Assert.Equal(["my_flag"], staging.Flags.Keys);
        Assert.Equal(["other_flag"], production.Flags.Keys);
    }

    // ----- Refusals -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_refused_change_writes_nothing()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        var result = await store.ApplyAsync(
            ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.SetPercentageOfActors(Percentage.Parse("50"))),
            Cancel);

        Assert.False(result.Accepted);
        Assert.Equal("Cannot enable percentage of actors for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of actors.", result.Refusal);
        Assert.Null(result.Event);
        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(1, state.Sequence);
        Assert.Equal(FlagState.Empty with { Boolean = true }, state.Flags["my_flag"]);
        Assert.Equal(1, (await store.QueryAuditAsync(new AuditQuery(), Cancel)).Total);
    }

    [Fact]
    public async Task A_refusal_after_accepted_operations_rolls_them_all_back()
    {
        var store = await OpenStoreAsync();

        var result = await store.ApplyAsync(
            ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1"), GateOperation.RemoveOptOut("User:2")),
            Cancel);

        Assert.Equal("No opt-out exists for User:2", result.Refusal);
        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(0, state.Sequence);
        Assert.Empty(state.Flags);
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery(), Cancel)).Total);
    }

    [Fact]
    public async Task Enabling_an_opted_out_actor_is_refused_with_gitlabs_message()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.OptOut("User:1")), Cancel);

        var result = await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);

        Assert.Equal("Opt-out exists for User:1 - remove opt-out before enabling", result.Refusal);
    }

    [Fact]
    public async Task A_change_that_fails_in_the_database_writes_nothing_and_the_store_goes_on()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);
        await ExecuteSqlAsync(RejectAuditInsertsSql("my_flag"));

        await Assert.ThrowsAnyAsync<DbException>(
            () => store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:2")), Cancel));

        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(1, state.Sequence);
        Assert.Equal(FlagState.Create(false, ["User:1"]), state.Flags["my_flag"]);
        for (var i = 0; i < 3; i++)
        {
            var next = await store.ApplyAsync(ChangeRequest.Update(Staging, $"other_flag_{i}", Origin(), GateOperation.EnableBoolean()), Cancel);
            Assert.Equal(2 + i, next.Event!.Sequence);
        }
    }

    /// <summary>SQL that makes every audit insert for <paramref name="flag"/> fail, to simulate a failure mid-change.</summary>
    protected abstract string RejectAuditInsertsSql(string flag);

    // ----- Delete -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Delete_removes_the_flag_and_records_what_it_was()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);

        var result = await store.ApplyAsync(ChangeRequest.Remove(Staging, "my_flag", Origin()), Cancel);

        Assert.True(result.Accepted);
        Assert.Equal("delete", result.Event!.Action);
        Assert.Equal(FlagState.Create(false, ["User:1"]), result.Event.Before);
        Assert.Null(result.Event.After);
        Assert.Equal(2, result.Event.Sequence);
        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Empty(state.Flags);
        Assert.Equal(2, state.Sequence);
    }

    [Fact]
    public async Task Deleting_a_flag_that_is_not_stored_writes_nothing()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "other_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        var result = await store.ApplyAsync(ChangeRequest.Remove(Staging, "my_flag", Origin()), Cancel);

        Assert.True(result.Accepted);
        Assert.Null(result.Event);
        Assert.Equal(1, (await store.LoadEnvironmentAsync(Staging, Cancel)).Sequence);
        Assert.Equal(1, (await store.QueryAuditAsync(new AuditQuery(), Cancel)).Total);
    }

    [Fact]
    public async Task A_flag_can_be_stored_again_after_delete()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);
        await store.ApplyAsync(ChangeRequest.Remove(Staging, "my_flag", Origin()), Cancel);

        var result = await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:2")), Cancel);

        Assert.Null(result.Event!.Before);
        Assert.Equal(FlagState.Create(false, ["User:2"]), (await store.LoadEnvironmentAsync(Staging, Cancel)).Flags["my_flag"]);
    }

    // ----- Sequence and change feed -------------------------------------------------------------------------------

    [Fact]
    public async Task The_sequence_grows_by_one_per_accepted_change_in_each_environment()
    {
        var store = await OpenStoreAsync();

        var sequences = new List<long>();
        for (var i = 1; i <= 3; i++)
        {
            var result = await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
            sequences.Add(result.Event!.Sequence);
        }

        var production = await store.ApplyAsync(ChangeRequest.Update("production", "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        Assert.Equal([1L, 2L, 3L], sequences);
        Assert.Equal(1, production.Event!.Sequence);
        Assert.Equal(3, (await store.LoadEnvironmentAsync(Staging, Cancel)).Sequence);
        Assert.Equal(1, (await store.LoadEnvironmentAsync("production", Cancel)).Sequence);
    }

    [Fact]
    public async Task The_audit_event_carries_every_fact_of_the_change()
    {
        var store = await OpenStoreAsync();
        var origin = new ChangeOrigin("alice", ChangeChannels.Chat, From: "#production", Reason: "incident 42", RequestId: "req-7")
        {
            Title = "Feature flag 'my_flag' has been set to '25%' of actors on staging",
            Details = new Dictionary<string, string> { ["issue"] = "https://example.test/issues/1", ["scope"] = "write_feature_flags" },
        };
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);
        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1234567));

        var written = (await store.ApplyAsync(
            new ChangeRequest(Staging, "my_flag", [GateOperation.SetPercentageOfActors(Percentage.Parse("25")), GateOperation.EnableGroup("beta")], false, origin),
            Cancel)).Event!;
        var read = (await store.GetChangesSinceAsync(Staging, 1, 10, Cancel)).Single();

        foreach (var auditEvent in new[] { written, read })
        {
            Assert.True(auditEvent.Id > 0);
            Assert.Equal(2, auditEvent.Sequence);
            Assert.Equal(Start + TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1234560), auditEvent.OccurredAt);
            Assert.Equal(TimeSpan.Zero, auditEvent.OccurredAt.Offset);
            Assert.Equal(Staging, auditEvent.Environment);
            Assert.Equal("my_flag", auditEvent.Flag);
            Assert.Equal("set", auditEvent.Action);
            Assert.Equal(FlagState.Create(false, ["User:1"]), auditEvent.Before);
            Assert.Equal(FlagState.Create(false, ["User:1"], ["beta"], Percentage.Parse("25")), auditEvent.After);
            Assert.Equal("alice", auditEvent.User);
            Assert.Equal(ChangeChannels.Chat, auditEvent.Via);
            Assert.Equal("#production", auditEvent.From);
            Assert.Equal("incident 42", auditEvent.Reason);
            Assert.Equal("req-7", auditEvent.RequestId);
            Assert.Equal(origin.Title, auditEvent.Title);
            Assert.Equal(origin.Details.OrderBy(pair => pair.Key), auditEvent.Details.OrderBy(pair => pair.Key));
        }

        Assert.Equal(written.Id, read.Id);
    }

    [Fact]
    public async Task Optional_origin_fields_may_be_missing()
    {
        var store = await OpenStoreAsync();

        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", new ChangeOrigin("bot", ChangeChannels.Api), GateOperation.EnableBoolean()), Cancel);

        var read = (await store.GetChangesSinceAsync(Staging, 0, 10, Cancel)).Single();
        Assert.Null(read.From);
        Assert.Null(read.Reason);
        Assert.Null(read.RequestId);
        Assert.Null(read.Title);
        Assert.Empty(read.Details);
        Assert.Null(read.Before);
        Assert.Equal("enable", read.Action);
    }

    [Fact]
    public async Task The_sequences_of_every_written_environment_are_read_at_once()
    {
        var store = await OpenStoreAsync();
        Assert.Empty(await store.GetSequencesAsync(Cancel));

        for (var i = 1; i <= 3; i++)
        {
            await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
        }

        await store.ApplyAsync(ChangeRequest.Update("production", "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);

        // A refused change moves no sequence.
        await store.ApplyAsync(ChangeRequest.Update("production", "my_flag", Origin(), GateOperation.EnableActor("User:1")), Cancel);

        var sequences = await store.GetSequencesAsync(Cancel);
        Assert.Equal(3L, sequences[Staging]);
        Assert.Equal((await store.LoadEnvironmentAsync("production", Cancel)).Sequence, sequences["production"]);
        Assert.False(sequences.ContainsKey("dev"));
    }

    [Fact]
    public async Task Changes_since_a_sequence_come_oldest_first_up_to_the_limit()
    {
        var store = await OpenStoreAsync();
        for (var i = 1; i <= 5; i++)
        {
            await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
            await store.ApplyAsync(ChangeRequest.Update("production", "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
        }

        var changes = await store.GetChangesSinceAsync(Staging, 2, 2, Cancel);
        var rest = await store.GetChangesSinceAsync(Staging, 4, 100, Cancel);

        Assert.Equal([3L, 4L], changes.Select(change => change.Sequence));
        Assert.All(changes, change => Assert.Equal(Staging, change.Environment));
        Assert.Equal(FlagState.Create(false, ["User:1", "User:2", "User:3"]), changes[0].After);
        Assert.Equal([5L], rest.Select(change => change.Sequence));
        Assert.Empty(await store.GetChangesSinceAsync(Staging, 5, 100, Cancel));
    }

    // ----- Audit queries ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Audit_queries_filter_by_flag_environment_and_user()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "flag_a", Origin("alice"), GateOperation.EnableBoolean()), Cancel);
        await store.ApplyAsync(ChangeRequest.Update(Staging, "flag_b", Origin("bob"), GateOperation.EnableBoolean()), Cancel);
        await store.ApplyAsync(ChangeRequest.Update("production", "flag_a", Origin("bob"), GateOperation.EnableBoolean()), Cancel);

        var byFlag = await store.QueryAuditAsync(new AuditQuery(Flag: "flag_a"), Cancel);
        var byEnvironment = await store.QueryAuditAsync(new AuditQuery(Environment: "production"), Cancel);
        var byUser = await store.QueryAuditAsync(new AuditQuery(User: "bob"), Cancel);
        var combined = await store.QueryAuditAsync(new AuditQuery(Flag: "flag_a", User: "bob"), Cancel);
        var none = await store.QueryAuditAsync(new AuditQuery(User: "carol"), Cancel);

        Assert.Equal(2, byFlag.Total);
        Assert.All(byFlag.Events, e => Assert.Equal("flag_a", e.Flag));
        Assert.Equal([("production", "flag_a")], byEnvironment.Events.Select(e => (e.Environment, e.Flag)));
        Assert.Equal(2, byUser.Total);
        Assert.All(byUser.Events, e => Assert.Equal("bob", e.User));
        Assert.Equal([("production", "flag_a", "bob")], combined.Events.Select(e => (e.Environment, e.Flag, e.User)));
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Events);
    }

    [Fact]
    public async Task Audit_queries_filter_by_time_from_inclusive_to_exclusive()
    {
        var store = await OpenStoreAsync();
        for (var i = 0; i < 4; i++)
        {
            await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
            Clock.Advance(TimeSpan.FromHours(1));
        }

        // Events at 09:00, 10:00, 11:00 and 12:00 UTC; the bounds are given in another offset on purpose.
        var plusTwo = TimeSpan.FromHours(2);
        var page = await store.QueryAuditAsync(
            new AuditQuery(From: new DateTimeOffset(2025, 3, 1, 12, 0, 0, plusTwo), To: new DateTimeOffset(2025, 3, 1, 14, 0, 0, plusTwo)),
            Cancel);
        var fromOnly = await store.QueryAuditAsync(new AuditQuery(From: Start.AddHours(3)), Cancel);
        var toOnly = await store.QueryAuditAsync(new AuditQuery(To: Start.AddHours(1)), Cancel);

        Assert.Equal([2L, 3L], page.Events.Select(e => e.Sequence).Order());
        Assert.Equal(2, page.Total);
        Assert.Equal([4L], fromOnly.Events.Select(e => e.Sequence));
        Assert.Equal([1L], toOnly.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Audit_pages_come_newest_first_with_the_total()
    {
        var store = await OpenStoreAsync();
        for (var i = 1; i <= 7; i++)
        {
            await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await store.QueryAuditAsync(new AuditQuery(Page: 1, PageSize: 3), Cancel);
        var third = await store.QueryAuditAsync(new AuditQuery(Page: 3, PageSize: 3), Cancel);
        var beyond = await store.QueryAuditAsync(new AuditQuery(Page: 4, PageSize: 3), Cancel);

        Assert.Equal([7L, 6L, 5L], first.Events.Select(e => e.Sequence));
        Assert.Equal((1, 3, 7L), (first.Page, first.PageSize, first.Total));
        Assert.Equal([1L], third.Events.Select(e => e.Sequence));
        Assert.Empty(beyond.Events);
        Assert.Equal(7, beyond.Total);
    }

    [Fact]
    public async Task Audit_events_in_the_same_instant_keep_insertion_order()
    {
        var store = await OpenStoreAsync();
        for (var i = 1; i <= 3; i++)
        {
            await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
        }

        var page = await store.QueryAuditAsync(new AuditQuery(), Cancel);

        Assert.Equal([3L, 2L, 1L], page.Events.Select(e => e.Sequence));
    }

    [Theory]
    [InlineData(0, 50, "pages start at 1")]
    [InlineData(-1, 50, "pages start at 1")]
    [InlineData(1, 0, "ask for 1 to 500 events per page")]
    [InlineData(1, 501, "ask for 1 to 500 events per page")]
    public async Task Audit_queries_with_a_bad_page_are_refused_with_a_clear_message(int page, int pageSize, string expected)
    {
        var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAuditAsync(new AuditQuery(Page: page, PageSize: pageSize), Cancel));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audit_page_of_the_largest_size_is_allowed()
    {
        var store = await OpenStoreAsync();

        var page = await store.QueryAuditAsync(new AuditQuery(PageSize: AuditQuery.MaxPageSize), Cancel);

        Assert.Equal(AuditQuery.MaxPageSize, page.PageSize);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("UPDATE audit_events SET user_name = 'mallory'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("DELETE FROM audit_events"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var events = await store.QueryAuditAsync(new AuditQuery(), Cancel);
        Assert.Equal("alice", Assert.Single(events.Events).User);
    }

    // ----- Argument checks ----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_change_without_operations_is_an_argument_error()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ApplyAsync(new ChangeRequest(Staging, "my_flag", [], false, Origin()), Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ApplyAsync(new ChangeRequest(Staging, "my_flag", [GateOperation.EnableBoolean()], true, Origin()), Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ApplyAsync(ChangeRequest.Update("", "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetChangesSinceAsync(Staging, 0, 0, Cancel));
    }

    // ----- Concurrency --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Fifty_concurrent_writers_on_one_flag_all_land()
    {
        var store = await OpenStoreAsync();

        var writes = Enumerable.Range(1, 50).Select(i => Task.Run(
            () => store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin($"user{i}"), GateOperation.EnableActor($"User:{i}")), Cancel),
            Cancel));
        var results = await Task.WhenAll(writes);

        await AssertFiftyWritersLandedAsync(store, results);
    }

    [Fact]
    public async Task Fifty_concurrent_writers_through_two_stores_on_one_database_all_land()
    {
        // Two stores stand for two server processes (or replicas): the in-process lock does not cover them.
        var first = await OpenStoreAsync();
        var second = await OpenStoreAsync();

        var writes = Enumerable.Range(1, 50).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin($"user{i}"), GateOperation.EnableActor($"User:{i}")), Cancel),
            Cancel));
        var results = await Task.WhenAll(writes);

        await AssertFiftyWritersLandedAsync(first, results);
    }

    private static async Task AssertFiftyWritersLandedAsync(IFlagStore store, ChangeResult[] results)
    {
        Assert.All(results, result => Assert.True(result.Accepted));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results.Select(result => result.Event!.Sequence).Order());

        var state = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(50, state.Sequence);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"User:{i}").Order(StringComparer.Ordinal), state.Flags["my_flag"].Actors.Order(StringComparer.Ordinal));

        var audit = await store.QueryAuditAsync(new AuditQuery(Flag: "my_flag", PageSize: 100), Cancel);
        Assert.Equal(50, audit.Total);

        // Each event's before is exactly the previous event's after: the writers were serialized, none read stale.
        var feed = await store.GetChangesSinceAsync(Staging, 0, 100, Cancel);
        Assert.Equal(50, feed.Count);
        for (var i = 1; i < feed.Count; i++)
        {
            Assert.Equal(feed[i - 1].After, feed[i].Before);
            Assert.Equal(feed[i - 1].After!.Actors.Count + 1, feed[i].After!.Actors.Count);
        }
    }
}
