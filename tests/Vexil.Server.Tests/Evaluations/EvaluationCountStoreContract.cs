using Vexil.Server.Evaluations;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Evaluations;

/// <summary>
/// What every <see cref="IEvaluationCountStore"/> must do, run against each implementation by a subclass, each test on
/// a database of its own migrated by the flag store (evaluation counts come with schema 8).
/// </summary>
public abstract class EvaluationCountStoreContract : FeatureStoreContract
{
    /// <summary>An evaluation count store on this test's database.</summary>
    protected abstract IEvaluationCountStore NewEvaluationStore();

    /// <summary>A store on a migrated database.</summary>
    protected async Task<IEvaluationCountStore> OpenAsync()
    {
        await MigrateAsync();
        return Track(NewEvaluationStore());
    }

    [Fact]
    public async Task The_migration_records_schema_8_flag_evaluations()
    {
        await OpenAsync();
        Assert.Equal("flag_evaluations", await ScalarAsync("SELECT name FROM vexil_schema_migrations WHERE version = 8"));
    }

    [Fact]
    public async Task Nothing_reported_reads_as_nothing()
    {
        var store = await OpenAsync();
        Assert.Empty(await store.GetAsync("never_reported", Cancel));
        Assert.Empty(await store.ListAsync("production", Cancel));
    }

    [Fact]
    public async Task Reports_add_up_per_flag_and_environment()
    {
        var store = await OpenAsync();
        var first = Start.AddMinutes(1);
        var second = Start.AddMinutes(2);

        await store.RecordAsync("production", [new("chat", 10, 3), new("search", 0, 5)], first, Cancel);
        await store.RecordAsync("production", [new("chat", 1, 2)], second, Cancel);
        await store.RecordAsync("staging", [new("chat", 7, 0)], first, Cancel);

        Assert.Equal(
            [new FlagEvaluationCounts("production", "chat", second, 11, 5), new FlagEvaluationCounts("staging", "chat", first, 7, 0)],
            await store.GetAsync("chat", Cancel));
        Assert.Equal(
            [new FlagEvaluationCounts("production", "chat", second, 11, 5), new FlagEvaluationCounts("production", "search", first, 0, 5)],
            await store.ListAsync("production", Cancel));
    }

    [Fact]
    public async Task A_late_report_of_an_earlier_window_does_not_move_the_last_evaluation_back()
    {
        var store = await OpenAsync();
        var later = Start.AddHours(1);
        await store.RecordAsync("production", [new("chat", 1, 0)], later, Cancel);
        await store.RecordAsync("production", [new("chat", 1, 0)], Start, Cancel);

        var counts = Assert.Single(await store.GetAsync("chat", Cancel));
        Assert.Equal(later, counts.LastEvaluatedAt);
        Assert.Equal(2, counts.TrueCount);
    }

    [Fact]
    public async Task Concurrent_reports_lose_no_count()
    {
        var store = await OpenAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.RecordAsync("production", [new("a", 1, 2), new("b", 3, 0), new($"only_{i}", 1, 1)], Start.AddSeconds(i), Cancel)));

        var rows = await store.ListAsync("production", Cancel);
        Assert.Equal(10, rows.Count);
        Assert.Equal((8L, 16L), (rows[0].TrueCount, rows[0].FalseCount));
        Assert.Equal((24L, 0L), (rows[1].TrueCount, rows[1].FalseCount));
        Assert.Equal(Start.AddSeconds(7), rows[0].LastEvaluatedAt);
    }

    [Fact]
    public async Task An_empty_report_writes_nothing()
    {
        var store = await OpenAsync();
        await store.RecordAsync("production", [], Start, Cancel);
        Assert.Empty(await store.ListAsync("production", Cancel));
    }
}
