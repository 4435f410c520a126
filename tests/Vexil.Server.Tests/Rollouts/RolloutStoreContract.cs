using Vexil.Core.State;
using Vexil.Server.Rollouts;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// What every <see cref="IRolloutStore"/> must do, run against SQLite and PostgreSQL by a subclass each: plans survive
/// a new store (a restart) exactly, the database allows one active plan per flag and environment, a stale save is
/// refused, and a step's change is found in the audit trail by its key.
/// </summary>
public abstract class RolloutStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The clock of this test's stores.</summary>
    protected ManualTimeProvider Clock { get; } = new(Start);

    /// <summary>The cancellation token of the running test.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A flag store (already initialized, so migrated) and a plan store on this test's database; each call is a new "process".</summary>
    protected abstract Task<(IFlagStore Flags, IRolloutStore Plans)> NewStoresAsync();

    /// <summary>Removes this test's database.</summary>
    protected abstract ValueTask DropDatabaseAsync();

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_plan_reads_back_exactly_from_a_new_store()
    {
        var (_, plans) = await NewStoresAsync();
        var created = await plans.CreateAsync(Plan() with
        {
            Checks = ["error_rate"],
            Baselines = new Dictionary<string, double> { ["error_rate"] = 0.0125 },
            LatestChecks = [new CheckReading("error_rate", "sum(x)", 0.002, "<= 0.01", CheckReading.Passed, null, Start)],
            UnevaluableSince = new Dictionary<string, DateTimeOffset> { ["latency"] = Start },
            Verify = TimeSpan.FromDays(1),
            NextAt = Start.AddMinutes(15),
        }, Cancel);
        Assert.True(created.Id > 0);

        var (_, restarted) = await NewStoresAsync();
        var read = await restarted.GetAsync(created.Id, Cancel);
        Assert.NotNull(read);
        Assert.Equal(created.Steps, read.Steps);
        Assert.Equal(created.Every, read.Every);
        Assert.Equal(created.Verify, read.Verify);
        Assert.Equal(created.NextAt, read.NextAt);
        Assert.Equal(0.0125, read.Baselines["error_rate"]);
        Assert.Equal(created.LatestChecks, read.LatestChecks);
        Assert.Equal(Start, read.UnevaluableSince["latency"]);
        Assert.Equal(RolloutStatus.Running, read.Status);
        Assert.Equal(Start, read.CreatedAt);
    }

    [Fact]
    public async Task The_database_allows_one_active_plan_per_flag_and_environment()
    {
        var (_, plans) = await NewStoresAsync();
        var first = await plans.CreateAsync(Plan(), Cancel);
        await Assert.ThrowsAsync<RolloutAlreadyActiveException>(() => plans.CreateAsync(Plan(), Cancel));
        await plans.CreateAsync(Plan() with { Environment = "staging" }, Cancel);
        await plans.CreateAsync(Plan() with { Flag = "other_flag" }, Cancel);

        // Paused is still active; aborted is not.
        var paused = await plans.SaveAsync(first with { Status = RolloutStatus.Paused }, Cancel);
        await Assert.ThrowsAsync<RolloutAlreadyActiveException>(() => plans.CreateAsync(Plan(), Cancel));
        await plans.SaveAsync(paused! with { Status = RolloutStatus.Aborted }, Cancel);
        var second = await plans.CreateAsync(Plan(), Cancel);

        Assert.Equal(second.Id, (await plans.GetActiveAsync("my_flag", "production", Cancel))!.Id);
        Assert.Equal(3, (await plans.ListAsync(activeOnly: true, 10, Cancel)).Count);
        var all = await plans.ListAsync(activeOnly: false, 10, Cancel);
        Assert.Equal(4, all.Count);
        Assert.Equal(all.Select(plan => plan.Id).OrderDescending(), all.Select(plan => plan.Id));
    }

    [Fact]
    public async Task A_save_of_a_stale_copy_is_refused()
    {
        var (_, plans) = await NewStoresAsync();
        var read = await plans.CreateAsync(Plan(), Cancel);
        var paused = await plans.SaveAsync(read with { Status = RolloutStatus.Paused, Reason = "Paused by ops." }, Cancel);
        Assert.NotNull(paused);
        Assert.Equal(read.Version + 1, paused.Version);

        Assert.Null(await plans.SaveAsync(read with { CurrentStep = 1 }, Cancel));
        var now = await plans.GetAsync(read.Id, Cancel);
        Assert.Equal(RolloutStatus.Paused, now!.Status);
        Assert.Equal(-1, now.CurrentStep);
        Assert.Equal(paused.Version, now.Version);
    }

    [Fact]
    public async Task A_step_change_is_found_in_the_audit_trail_by_its_key()
    {
        var (flags, plans) = await NewStoresAsync();
        var origin = new ChangeOrigin("ops", ChangeChannels.Rollout) { Details = new Dictionary<string, string> { ["rollout_step"] = "7:0:1" } };
        var written = await flags.ApplyAsync(ChangeRequest.Update("production", "my_flag", origin, GateOperation.EnableBoolean()), Cancel);

        var found = await plans.FindStepChangeAsync("production", "my_flag", "7:0:1", Cancel);
        Assert.Equal(written.Event!.Id, found!.Value.Id);
        Assert.Equal(written.Event.OccurredAt, found.Value.OccurredAt);
        Assert.Null(await plans.FindStepChangeAsync("production", "my_flag", "7:0:2", Cancel));
        Assert.Null(await plans.FindStepChangeAsync("staging", "my_flag", "7:0:1", Cancel));
    }

    private static RolloutPlan Plan() => new()
    {
        Flag = "my_flag",
        Environment = "production",
        Steps = [new RolloutStep(1, Start), new RolloutStep(10), new RolloutStep(100)],
        Every = TimeSpan.FromMinutes(15),
        CreatedBy = "ops",
    };
}
