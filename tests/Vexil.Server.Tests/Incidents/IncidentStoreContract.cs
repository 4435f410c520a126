using Vexil.Server.Incidents;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Incidents;

/// <summary>
/// What every <see cref="IIncidentStore"/> must do, run against each implementation by a subclass, each test on a
/// database of its own migrated by the flag store (incidents come with schema 3).
/// </summary>
public abstract class IncidentStoreContract : FeatureStoreContract
{
    /// <summary>An incident store on this test's database.</summary>
    protected abstract IIncidentStore NewIncidentStore(TimeProvider time);

    /// <summary>An incident store on a migrated database.</summary>
    protected async Task<IIncidentStore> OpenAsync()
    {
        await MigrateAsync();
        return Track(NewIncidentStore(Clock));
    }

    // ----- Schema ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_migration_records_schema_3_incidents()
    {
        await OpenAsync();
        Assert.Equal("incidents", await ScalarAsync("SELECT name FROM vexil_schema_migrations WHERE version = 3"));
    }

    // ----- Incidents ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_opened_incident_is_open_with_its_facts()
    {
        var store = await OpenAsync();

        var incident = await store.OpenIncidentAsync("  Database primary is down ", 1, " sre-oncall ", Cancel);

        Assert.Equal(new Incident(incident.Id, "Database primary is down", 1, "sre-oncall", Start, null, null), incident);
        Assert.True(incident.IsOpen);
        Assert.True(incident.BlocksProductionChanges);
        Assert.Equal(incident, await store.GetIncidentAsync(incident.Id, Cancel));
        Assert.Equal([incident], await store.ListIncidentsAsync(includeClosed: false, Cancel));
    }

    [Fact]
    public async Task Ids_grow_and_lists_are_newest_first()
    {
        var store = await OpenAsync();
        var first = await store.OpenIncidentAsync("one", 3, "a", Cancel);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await store.OpenIncidentAsync("two", 4, "b", Cancel);

        Assert.True(second.Id > first.Id);
        Assert.Equal([second.Id, first.Id], (await store.ListIncidentsAsync(false, Cancel)).Select(i => i.Id));
    }

    [Fact]
    public async Task Closing_records_who_and_when_and_the_first_closer_stays()
    {
        var store = await OpenAsync();
        var incident = await store.OpenIncidentAsync("outage", 2, "sre", Cancel);
        Clock.Advance(TimeSpan.FromMinutes(30));

        var closed = await store.CloseIncidentAsync(incident.Id, "alice", Cancel);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await store.CloseIncidentAsync(incident.Id, "bob", Cancel);

        Assert.Equal(incident with { ClosedBy = "alice", ClosedAt = Start.AddMinutes(30) }, closed);
        Assert.Equal(closed, again);
        Assert.False(closed!.IsOpen);
        Assert.False(closed.BlocksProductionChanges);
    }

    [Fact]
    public async Task Closed_incidents_are_listed_only_when_asked()
    {
        var store = await OpenAsync();
        var open = await store.OpenIncidentAsync("open", 1, "a", Cancel);
        var closed = await store.OpenIncidentAsync("closed", 1, "a", Cancel);
        await store.CloseIncidentAsync(closed.Id, "a", Cancel);

        Assert.Equal([open.Id], (await store.ListIncidentsAsync(false, Cancel)).Select(i => i.Id));
        Assert.Equal([closed.Id, open.Id], (await store.ListIncidentsAsync(true, Cancel)).Select(i => i.Id));
    }

    [Fact]
    public async Task Unknown_incidents_are_null()
    {
        var store = await OpenAsync();
        Assert.Null(await store.GetIncidentAsync(404, Cancel));
        Assert.Null(await store.CloseIncidentAsync(404, "a", Cancel));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task A_severity_outside_1_to_4_is_refused(int severity)
    {
        var store = await OpenAsync();
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.OpenIncidentAsync("x", severity, "a", Cancel));
        Assert.StartsWith("An incident's severity is 1 (critical) to 4 (low).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_or_overlong_title_is_refused()
    {
        var store = await OpenAsync();
        Assert.StartsWith("The title is empty: send a few words.", (await Assert.ThrowsAsync<ArgumentException>(() => store.OpenIncidentAsync(" ", 1, "a", Cancel))).Message, StringComparison.Ordinal);
        Assert.StartsWith("The title is 201 characters long; use at most 200.", (await Assert.ThrowsAsync<ArgumentException>(() => store.OpenIncidentAsync(new string('x', 201), 1, "a", Cancel))).Message, StringComparison.Ordinal);
        Assert.StartsWith("The closer's name is empty", (await Assert.ThrowsAsync<ArgumentException>(() => store.CloseIncidentAsync(1, "", Cancel))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unicode_titles_round_trip()
    {
        var store = await OpenAsync();
        var incident = await store.OpenIncidentAsync("Ошибка 😀 in „prod“", 2, "ユーザー", Cancel);
        Assert.Equal(incident, await store.GetIncidentAsync(incident.Id, Cancel));
    }

    // ----- Change locks ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_change_lock_round_trips()
    {
        var store = await OpenAsync();

        var added = await store.AddChangeLockAsync(new NewChangeLock(" Release freeze ", Start.AddHours(1), Start.AddHours(3), ["production"], "rm"), Cancel);

        Assert.Equal(new ChangeLock(added.Id, "Release freeze", Start.AddHours(1), Start.AddHours(3), ["production"], "rm", Start), added);
        Assert.Equal([added], await store.ListChangeLocksAsync(cancellationToken: Cancel));
    }

    [Fact]
    public async Task Times_with_an_offset_are_kept_as_the_same_instant_to_the_microsecond()
    {
        var store = await OpenAsync();
        var start = new DateTimeOffset(2025, 3, 1, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        var added = await store.AddChangeLockAsync(new NewChangeLock("x", start, start.AddHours(1), [], "a"), Cancel);

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), added.StartsAt);
        Assert.Equal(TimeSpan.Zero, added.StartsAt.Offset);
        Assert.Empty(added.Environments);
    }

    [Fact]
    public async Task Locks_are_listed_by_start_and_can_be_limited_to_those_not_yet_ended()
    {
        var store = await OpenAsync();
        var ended = await store.AddChangeLockAsync(new NewChangeLock("ended", Start.AddHours(-3), Start.AddHours(-1), [], "a"), Cancel);
        var later = await store.AddChangeLockAsync(new NewChangeLock("later", Start.AddHours(5), Start.AddHours(6), [], "a"), Cancel);
        var now = await store.AddChangeLockAsync(new NewChangeLock("now", Start.AddHours(-1), Start.AddHours(1), ["production"], "a"), Cancel);
        var endsExactlyNow = await store.AddChangeLockAsync(new NewChangeLock("edge", Start.AddHours(-1), Start, [], "a"), Cancel);

        Assert.Equal([ended.Id, now.Id, endsExactlyNow.Id, later.Id], (await store.ListChangeLocksAsync(cancellationToken: Cancel)).Select(l => l.Id));
        Assert.Equal([now.Id, later.Id], (await store.ListChangeLocksAsync(Start, Cancel)).Select(l => l.Id));
    }

    [Fact]
    public async Task Removing_a_lock_says_whether_there_was_one()
    {
        var store = await OpenAsync();
        var added = await store.AddChangeLockAsync(new NewChangeLock("x", Start, Start.AddHours(1), [], "a"), Cancel);

        Assert.True(await store.RemoveChangeLockAsync(added.Id, Cancel));
        Assert.False(await store.RemoveChangeLockAsync(added.Id, Cancel));
        Assert.Empty(await store.ListChangeLocksAsync(cancellationToken: Cancel));
    }

    [Fact]
    public async Task A_lock_that_ends_before_it_starts_or_has_no_reason_is_refused()
    {
        var store = await OpenAsync();
        Assert.StartsWith(
            "A change lock must end after it starts: set EndsAt later than StartsAt.",
            (await Assert.ThrowsAsync<ArgumentException>(() => store.AddChangeLockAsync(new NewChangeLock("x", Start, Start, [], "a"), Cancel))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "The reason is empty: send a few words.",
            (await Assert.ThrowsAsync<ArgumentException>(() => store.AddChangeLockAsync(new NewChangeLock("", Start, Start.AddHours(1), [], "a"), Cancel))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_is_active_in_its_half_open_window_and_covers_its_environments()
    {
        var changeLock = new ChangeLock(1, "x", Start, Start.AddHours(1), ["production"], "a", Start);
        Assert.True(changeLock.IsActiveAt(Start));
        Assert.False(changeLock.IsActiveAt(Start.AddHours(1)));
        Assert.False(changeLock.IsActiveAt(Start.AddTicks(-1)));
        Assert.True(changeLock.Covers("production"));
        Assert.False(changeLock.Covers("production-eu"));
        Assert.True((changeLock with { Environments = [] }).Covers("anything"));
    }
}
