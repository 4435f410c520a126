using System.Data.Common;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Storage;

/// <summary>The audit records that are not changes (attempts, tokens, incidents, change locks): every store alike.</summary>
public abstract partial class FlagStoreContract
{
    private static AuditRecord Record(string kind, string? environment = Staging, string? flag = "my_flag", string user = "alice") =>
        new(
            0,
            kind,
            default,
            environment,
            flag,
            kind == AuditKinds.Attempt ? "enable" : null,
            user,
            ChangeChannels.Chat,
            "#general",
            "req-9",
            "Refused: feature flag 'my_flag' set to 'true' on staging",
            kind == AuditKinds.Attempt ? "Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel." : null,
            new Dictionary<string, string> { ["guard"] = "production_channel", ["token_id"] = "7" });

    [Fact]
    public async Task An_audit_record_is_kept_as_written_and_never_becomes_a_change()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var written = Record(AuditKinds.Attempt) with { OccurredAt = Clock.GetUtcNow() };
        var id = await store.AppendRecordAsync(written, Cancel);

        // No sequence number, no change feed, no state.
        var environment = await store.LoadEnvironmentAsync(Staging, Cancel);
        Assert.Equal(1, environment.Sequence);
        Assert.Equal([1L], (await store.GetChangesSinceAsync(Staging, 0, 100, Cancel)).Select(change => change.Sequence));
        Assert.Equal(1, (await store.QueryAuditAsync(new AuditQuery(), Cancel)).Total);

        var page = await store.QueryAuditAsync(new AuditQuery(IncludeAttempts: true), Cancel);
        Assert.Equal(2, page.Total);
        Assert.Equal([AuditKinds.Attempt, AuditKinds.Change], page.Entries.Select(entry => entry.Kind));
        Assert.Equal(written with { Id = id }, page.Entries[0].Record! with { Details = written.Details });
        Assert.Equal(written.Details, page.Entries[0].Record!.Details);
        Assert.Single(page.Events);
    }

    [Fact]
    public async Task Attempts_appear_only_when_asked_for_and_facts_only_with_the_records()
    {
        var store = await OpenStoreAsync();
        await store.AppendRecordAsync(Record(AuditKinds.Attempt), Cancel);
        await store.AppendRecordAsync(Record(AuditKinds.TokenCreated, environment: null, flag: null), Cancel);
        await store.AppendRecordAsync(Record(AuditKinds.IncidentOpened, environment: null, flag: null), Cancel);

        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery(), Cancel)).Total);
        var facts = await store.QueryAuditAsync(new AuditQuery(IncludeRecords: true), Cancel);
        Assert.Equal([AuditKinds.IncidentOpened, AuditKinds.TokenCreated], facts.Entries.Select(entry => entry.Kind));
        var attempts = await store.QueryAuditAsync(new AuditQuery(IncludeAttempts: true), Cancel);
        Assert.Equal([AuditKinds.Attempt], attempts.Entries.Select(entry => entry.Kind));
        Assert.Equal(3, (await store.QueryAuditAsync(new AuditQuery(IncludeRecords: true, IncludeAttempts: true), Cancel)).Total);

        // The filters apply to the records too: a fact about no flag or environment is not one of a flag's.
        Assert.Equal(1, (await store.QueryAuditAsync(new AuditQuery(Flag: "my_flag", IncludeRecords: true, IncludeAttempts: true), Cancel)).Total);
        Assert.Equal(1, (await store.QueryAuditAsync(new AuditQuery(Environment: Staging, IncludeRecords: true, IncludeAttempts: true), Cancel)).Total);
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery(User: "bob", IncludeRecords: true, IncludeAttempts: true), Cancel)).Total);
    }

    [Fact]
    public async Task Merged_pages_are_newest_first_without_gaps_or_overlaps()
    {
        var store = await OpenStoreAsync();
        var written = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor($"User:{i}")), Cancel);
            written.Add($"change {i}");
            Clock.Advance(TimeSpan.FromSeconds(1));
            if (i % 2 == 1)
            {
                await store.AppendRecordAsync(Record(AuditKinds.Attempt) with { OccurredAt = Clock.GetUtcNow(), Title = $"attempt {i}" }, Cancel);
                written.Add($"attempt {i}");
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        // Changes and records share one instant too: the order stays fixed across pages.
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:6")), Cancel);
        written.Add("change 6");
        await store.AppendRecordAsync(Record(AuditKinds.Attempt) with { OccurredAt = Clock.GetUtcNow(), Title = "attempt 6" }, Cancel);
        written.Add("attempt 6");

        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var result = await store.QueryAuditAsync(new AuditQuery(Page: page, PageSize: 3, IncludeAttempts: true), Cancel);
            Assert.Equal(written.Count, result.Total);
            seen.AddRange(result.Entries.Select(entry => entry.Change is { } change ? $"change {change.Sequence}" : entry.Record!.Title!));
        }

        Assert.Equal(written.Count, seen.Count);
        Assert.Equal(written.Order(), seen.Order());
        Assert.Equal(["change 1", "attempt 1", "change 2", "change 3", "attempt 3"], seen.AsEnumerable().Reverse().Take(5));
    }

    [Fact]
    public async Task Audit_records_cannot_be_rewritten_or_removed()
    {
        var store = await OpenStoreAsync();
        await store.AppendRecordAsync(Record(AuditKinds.Attempt), Cancel);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("UPDATE audit_records SET user_name = 'mallory'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("DELETE FROM audit_records"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_of_an_unknown_kind_is_refused_before_the_database()
    {
        var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendRecordAsync(Record(AuditKinds.Change), Cancel));

        Assert.StartsWith("Audit record kind 'change' is not one Vexil knows", error.Message, StringComparison.Ordinal);
    }
}
