using Vexil.Core.State;
using Vexil.Definitions;
using Vexil.Server.Definitions;
using Vexil.Server.Lifecycle;
using Vexil.Server.Tests.Definitions;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary>Each staleness rule, the lifetimes and the opt-out, with time moved by a <see cref="TimeProvider"/>, never by waiting.</summary>
public sealed class StaleFlagJudgeTests : IDisposable
{
    // 17.9 was released on Thursday 20 February 2025; a beta flag's 6 months (183 days) end on 22 August 2025.
    private static readonly DateTimeOffset Released = new(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Environments = ["staging", "production"];

    private readonly TempFolder folder = new();
    private readonly ManualTimeProvider clock = new(Released);
    private readonly Dictionary<string, IReadOnlyDictionary<string, FlagState>> states = new(StringComparer.Ordinal)
    {
        ["staging"] = new Dictionary<string, FlagState>(),
        ["production"] = new Dictionary<string, FlagState>(),
    };

    private DateTimeOffset? lastChange;
    private IEvaluationActivity evaluations = new FixedEvaluations(null);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Milestones_map_to_their_release_day()
    {
        Assert.Equal(Released, MilestoneCalendar.ReleaseDate("17.9"));
        Assert.Equal(new DateTimeOffset(2024, 5, 16, 0, 0, 0, TimeSpan.Zero), MilestoneCalendar.ReleaseDate("17.0"));
        Assert.Null(MilestoneCalendar.ReleaseDate("14.3"));
        Assert.Null(MilestoneCalendar.ReleaseDate("next"));
    }

    [Fact]
    public async Task One_value_everywhere_makes_a_flag_stale_only_after_its_lifetime_and_N_days_unchanged()
    {
        folder.WriteValid("my_beta_flag");
        Store("staging", "my_beta_flag", FlagState.Empty with { Boolean = true });
        Store("production", "my_beta_flag", FlagState.Empty with { Boolean = true });
        clock.Advance(TimeSpan.FromDays(183) - TimeSpan.FromHours(1));
        lastChange = clock.GetUtcNow() - TimeSpan.FromDays(100);

        Assert.Empty(await JudgeAsync());

        clock.Advance(TimeSpan.FromHours(2));
        var flag = Assert.Single(await JudgeAsync());

        var reason = Assert.Single(flag.Reasons);
        Assert.Equal(StaleRules.OneValue, reason.Rule);
        Assert.Equal("On in every environment (staging, production), unchanged since 2025-05-13: 100 days, at least 30 needed.", reason.Evidence);
        Assert.Equal(["staging", "production"], reason.Environments);
        Assert.Equal(Released + TimeSpan.FromDays(183), flag.LifetimeEndedAt);
        Assert.Equal(("beta", "group::duo chat", "17.9"), (flag.Type, flag.Group, flag.Milestone));
    }

    [Fact]
    public async Task A_recent_change_or_a_conditional_state_keeps_the_flag_fresh()
    {
        folder.WriteValid("my_beta_flag");
        clock.Advance(TimeSpan.FromDays(400));
        Store("production", "my_beta_flag", FlagState.Create(false, actors: ["User:1"]));
        lastChange = clock.GetUtcNow() - TimeSpan.FromDays(200);

        Assert.Empty(await JudgeAsync());

        Store("production", "my_beta_flag", FlagState.Empty);
        lastChange = clock.GetUtcNow() - TimeSpan.FromDays(29);
        Assert.Empty(await JudgeAsync());

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("Off in every environment (staging, production), unchanged since " + (clock.GetUtcNow() - TimeSpan.FromDays(30)).ToString("yyyy-MM-dd") + ": 30 days, at least 30 needed.",
            Assert.Single(Assert.Single(await JudgeAsync()).Reasons).Evidence);
    }

    [Fact]
    public async Task A_flag_never_stored_serves_its_default_and_counts_from_the_end_of_its_lifetime()
    {
        folder.WriteValid("my_beta_flag");
        clock.Advance(TimeSpan.FromDays(183 + 29));
        Assert.Empty(await JudgeAsync());

        clock.Advance(TimeSpan.FromDays(1));
        var reason = Assert.Single(Assert.Single(await JudgeAsync()).Reasons);
        Assert.Equal("Off in every environment (staging, production), never changed: 30 days, at least 30 needed.", reason.Evidence);
    }

    [Fact]
    public async Task Not_evaluated_for_N_days_is_a_reason_with_its_dates_and_counts()
    {
        folder.WriteValid("my_beta_flag");
        Store("staging", "my_beta_flag", FlagState.Create(false, actors: ["User:1"]));
        clock.Advance(TimeSpan.FromDays(300));
        var lastEvaluated = clock.GetUtcNow() - TimeSpan.FromDays(45);
        evaluations = new FixedEvaluations(new FlagActivity(lastEvaluated, 1234, ["staging", "production"]));

        var reason = Assert.Single(Assert.Single(await JudgeAsync()).Reasons);

        Assert.Equal(StaleRules.NotEvaluated, reason.Rule);
        Assert.Equal($"Not evaluated anywhere for 45 days (at least 30 needed): last evaluated {lastEvaluated:yyyy-MM-dd}; 1234 evaluations recorded in all, in staging, production.", reason.Evidence);
        Assert.Equal(1234, reason.Count);

        evaluations = new FixedEvaluations(new FlagActivity(clock.GetUtcNow() - TimeSpan.FromDays(2), 17, ["staging"]));
        Assert.Empty(await JudgeAsync());

        evaluations = new FixedEvaluations(FlagActivity.Never);
        Assert.StartsWith("Never evaluated anywhere", Assert.Single(Assert.Single(await JudgeAsync()).Reasons).Evidence, StringComparison.Ordinal);

        // No SDK reports counts at all: the rule does not apply, rather than calling every flag unused.
        evaluations = new FixedEvaluations(null);
        Assert.Empty(await JudgeAsync());
    }

    [Fact]
    public async Task State_without_a_definition_is_stale_with_the_environments_that_hold_it()
    {
        folder.WriteValid("my_beta_flag");
        Store("production", "removed_flag", FlagState.Empty with { Boolean = true });
        lastChange = Released;

        var flag = Assert.Single(await JudgeAsync());

        Assert.True(flag.Undefined);
        Assert.Equal("removed_flag", flag.Name);
        Assert.Equal("No definition any more, but state is stored in production; last changed 2025-02-20.", Assert.Single(flag.Reasons).Evidence);
    }

    [Fact]
    public async Task Lifecycle_permanent_and_ops_flags_are_never_stale()
    {
        folder.Write("beta/kept_flag.yml", DefinitionYaml.With("kept_flag", "beta", ("lifecycle", "permanent")));
        folder.WriteValid("kill_switch", type: "ops");
        clock.Advance(TimeSpan.FromDays(3000));

        Assert.Empty(await JudgeAsync());
    }

    [Fact]
    public async Task A_configured_lifetime_replaces_gitlabs_default()
    {
        folder.WriteValid("my_beta_flag");
        clock.Advance(TimeSpan.FromDays(300));
        var options = new LifecycleOptions();
        options.Types["beta"] = new LifecycleTypeOptions { Lifetime = TimeSpan.FromDays(400) };

        Assert.Empty(await JudgeAsync(options));
        Assert.Single(await JudgeAsync());

        options.Types["beta"] = new LifecycleTypeOptions { Lifetime = null };
        clock.Advance(TimeSpan.FromDays(3000));
        Assert.Empty(await JudgeAsync(options));
    }

    [Fact]
    public void Options_name_the_bad_key()
    {
        var options = new LifecycleOptions { StaleAfterDays = 0, Patterns = ["x{name}"] };
        options.Types["betta"] = new LifecycleTypeOptions { Lifetime = TimeSpan.FromDays(1) };

        var result = new LifecycleOptionsValidator().Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Vexil:Lifecycle:Types:betta names no definition type", StringComparison.Ordinal));
    }

    private void Store(string environment, string flag, FlagState state) =>
        ((Dictionary<string, FlagState>)states[environment])[flag] = state;

    private Task<IReadOnlyList<StaleFlag>> JudgeAsync(LifecycleOptions? options = null) =>
        StaleFlagJudge.JudgeAsync(
            new StaleFlagInputs(
                DefinitionLoader.Load([folder.Root]),
                Environments,
                states,
                (_, _) => Task.FromResult(lastChange),
                evaluations,
                options ?? new LifecycleOptions(),
                clock.GetUtcNow()),
            TestContext.Current.CancellationToken);

    // null: no evaluation counts recorded anywhere.
    private sealed class FixedEvaluations(FlagActivity? activity) : IEvaluationActivity
    {
        public Task<bool> IsRecordedAsync(CancellationToken cancellationToken) => Task.FromResult(activity is not null);

        public Task<FlagActivity> GetAsync(string flag, CancellationToken cancellationToken) => Task.FromResult(activity ?? FlagActivity.Never);
    }
}
