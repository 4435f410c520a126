using Vexil.Server.Changes;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;
using Vexil.Server.Rollouts;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// Plans run by the engine on a fake clock: the ladder with its waits, verification and completion; rollbacks on a
/// failed or unevaluable check; refusals by a guard rail; exactly-once steps when a leader died mid-step; leadership.
/// </summary>
public sealed class RolloutEngineTests
{
    private const string Flag = RolloutHarness.Flag;
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_plan_walks_the_seed_ladder_fifteen_minutes_apart_then_verifies_for_a_day_and_completes()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();

        var started = await harness.MustAsync($"feature rollout {Flag} --production --steps 1,10,25,50,75,100 --every 15m --actors --check error_rate --verify 1d");
        Assert.Equal("The rollout plan is started.", started.Headline);
        Assert.Equal(1, harness.Percent()); // the first step is applied when the plan starts

        foreach (var expected in new double[] { 10, 25, 50, 75 })
        {
            await harness.AdvanceAsync(Quarter - TimeSpan.FromSeconds(1));
            Assert.NotEqual(expected, harness.Percent()); // not before 15 minutes
            await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(expected, harness.Percent());
        }

        await harness.AdvanceAsync(Quarter);
        Assert.True(harness.State()!.Boolean, "the last step enables the flag globally, as the seeds' `feature set NAME true` does");
        var plan = await harness.PlanAsync();
        Assert.Equal(RolloutStatus.Verifying, plan.Status);
        Assert.Equal(RolloutHarness.Start + (5 * Quarter) + TimeSpan.FromDays(1), plan.NextAt);

        await harness.AdvanceAsync(TimeSpan.FromHours(23));
        Assert.Equal(RolloutStatus.Verifying, (await harness.PlanAsync()).Status);
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        plan = await harness.PlanAsync();
        Assert.Equal(RolloutStatus.Completed, plan.Status);
        Assert.Null(plan.NextAt);

        // Six ordinary changes through the write path, each with its own step key, applied exactly on its planned time.
        var events = await harness.RolloutEventsAsync();
        Assert.Equal(6, events.Count);
        Assert.Equal(events.Count, events.Select(change => change.Details["rollout_step"]).Distinct().Count());
        Assert.All(plan.Steps, step => Assert.Equal(step.PlannedAt, step.AppliedAt));
        Assert.Equal(plan.Steps.Select(step => step.AuditEventId), events.Select(change => (long?)change.Id));
        Assert.Equal(["1", "10", "25", "50", "75", "true"], events.Select(change => change.Details["value"]));
    }

    [Fact]
    public async Task A_failed_check_rolls_back_to_the_last_step_that_held_pauses_announces_and_audits_the_values()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m --actors --check error_rate");
        await harness.AdvanceAsync(Quarter);
        await harness.AdvanceAsync(Quarter);
        Assert.Equal(25, harness.Percent());

        harness.Prometheus.Value(RolloutHarness.ErrorQuery, 0.05);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(10, harness.Percent());
        var plan = await harness.PlanAsync();
        Assert.Equal(RolloutStatus.Paused, plan.Status);
        Assert.Equal(1, plan.CurrentStep);
        Assert.Contains("Rolled back from 25% to 10%: check error_rate = 0.05 is over its limit <= 0.01", plan.Reason, StringComparison.Ordinal);

        var rollback = (await harness.RolloutEventsAsync())[^1];
        Assert.Equal("error_rate", rollback.Details["check"]);
        Assert.Equal("0.05", rollback.Details["check_value"]);
        Assert.Equal("<= 0.01", rollback.Details["check_threshold"]);
        Assert.Equal(RolloutHarness.ErrorQuery, rollback.Details["check_query"]);
        Assert.Equal(plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rollback.Details["rollout_plan"]);

        var announcements = (await harness.DeliveriesAsync()).Where(delivery => delivery.EventId == rollback.Id).ToArray();
        Assert.Equal(
            new[] { NotificationTargets.ProductionChannel, NotificationTargets.ForTeam("group::duo chat") }.Order(StringComparer.Ordinal),
            announcements.Select(delivery => delivery.Target).Order(StringComparer.Ordinal));
        Assert.All(announcements, delivery =>
        {
            Assert.Contains("0.05", delivery.Payload, StringComparison.Ordinal);
            Assert.Contains("Threshold", delivery.Payload, StringComparison.Ordinal);
            Assert.Contains("http_requests_total", delivery.Payload, StringComparison.Ordinal);
        });

        // Paused: nothing moves however long it waits; resumed: 25% again at once, as a new change.
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(10, harness.Percent());
        harness.Prometheus.Value(RolloutHarness.ErrorQuery, 0.002);
        var resumed = await harness.MustAsync($"feature rollout resume {Flag}");
        Assert.Equal("The rollout plan is resumed.", resumed.Headline);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(25, harness.Percent());
        var steps = (await harness.RolloutEventsAsync()).Where(change => change.Details.ContainsKey("rollout_step")).Select(change => change.Details["rollout_step"]).ToArray();
        Assert.Equal(steps.Length, steps.Distinct().Count());
    }

    [Fact]
    public async Task A_failure_on_the_first_step_rolls_back_to_zero_and_rollback_to_off_switches_the_flag_off()
    {
        await using (var harness = await RolloutHarness.StartAsync())
        {
            await harness.EnableOnNonProductionAsync();
            await harness.MustAsync($"feature rollout {Flag} --production --check error_rate");
            harness.Prometheus.Value(RolloutHarness.ErrorQuery, 0.5);
            await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, harness.Percent());
            Assert.Equal(-1, (await harness.PlanAsync()).CurrentStep);
        }

        await using (var harness = await RolloutHarness.StartAsync(new Dictionary<string, string?> { ["Vexil:Rollouts:RollbackTo"] = "off" }))
        {
            await harness.EnableOnNonProductionAsync();
            await harness.MustAsync($"feature set --user=lulalala {Flag} true");
            await harness.MustAsync($"feature rollout {Flag} --production --check error_rate");
            await harness.AdvanceAsync(Quarter);
            Assert.Equal(10, harness.Percent());
            harness.Prometheus.Value(RolloutHarness.ErrorQuery, 0.5);
            await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
            Assert.False(harness.State()!.IsEnabledAnywhere);
            Assert.Contains("Rolled back from 10% to off", (await harness.PlanAsync()).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_rollback_from_the_global_enable_keeps_the_actors_and_groups_the_flag_had()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature set --feature-group=gitlab_team_members {Flag} true");
        await harness.MustAsync($"feature rollout {Flag} --production --steps 50,100 --every 15m --check error_rate");
        await harness.AdvanceAsync(Quarter);
        Assert.True(harness.State()!.Boolean);

        harness.Prometheus.Value(RolloutHarness.ErrorQuery, 0.5);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        var state = harness.State()!;
        Assert.False(state.Boolean);
        Assert.Equal(50, state.PercentageOfActors.Value);
        Assert.Contains("gitlab_team_members", state.Groups);
    }

    [Fact]
    public async Task An_unevaluable_check_holds_the_plan_during_its_grace_and_fails_after_it()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m --check latency");
        await harness.AdvanceAsync(Quarter);
        Assert.Equal(10, harness.Percent());
        Assert.Equal(0.5, (await harness.PlanAsync()).Baselines["latency"]);

        harness.Prometheus.NoSeries(RolloutHarness.LatencyQuery);
        await harness.AdvanceAsync(Quarter); // the step is due, but the check did not hold: no step
        var plan = await harness.PlanAsync();
        Assert.Equal(10, harness.Percent());
        Assert.Equal(RolloutStatus.Running, plan.Status);
        Assert.Equal(CheckReading.Unevaluable, Assert.Single(plan.LatestChecks).Outcome);

        harness.Prometheus.Down(RolloutHarness.LatencyQuery);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(RolloutStatus.Running, (await harness.PlanAsync()).Status);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1)); // three minutes unevaluable: the grace is over
        plan = await harness.PlanAsync();
        Assert.Equal(RolloutStatus.Paused, plan.Status);
        Assert.Equal(1, harness.Percent());
        Assert.Contains("could not be evaluated", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("Connection refused", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_limit_is_measured_against_the_baseline_captured_before_the_start()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        harness.Prometheus.Value(RolloutHarness.LatencyQuery, 0.4);
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m --check latency");

        harness.Prometheus.Value(RolloutHarness.LatencyQuery, 0.47); // 17.5% above: holds
        await harness.AdvanceAsync(Quarter);
        Assert.Equal(10, harness.Percent());
        harness.Prometheus.Value(RolloutHarness.LatencyQuery, 0.49); // 22.5% above: fails
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, harness.Percent());
        Assert.Contains("(baseline 0.4 + 20%)", (await harness.PlanAsync()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incident_opened_mid_plan_pauses_it_at_the_next_step_with_the_refusal_shown()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m --check error_rate");
        await harness.AdvanceAsync(Quarter);
        Assert.Equal(10, harness.Percent());

        var incident = await harness.Incidents.OpenIncidentAsync("Elevated error rates on the API", 1, "sre", Cancel);
        await harness.AdvanceAsync(Quarter);

        Assert.Equal(10, harness.Percent());
        var status = await harness.MustAsync($"feature rollout status {Flag}");
        var text = status.ToPlainText();
        Assert.Contains("paused, at step 2 of 6 (10%)", text, StringComparison.Ordinal);
        Assert.Contains("Step 3 of 6 (25%) was not applied, the production check refused it:", text, StringComparison.Ordinal);
        Assert.Contains("Elevated error rates on the API", text, StringComparison.Ordinal);

        await harness.Incidents.CloseIncidentAsync(incident.Id, "sre", Cancel);
        await harness.MustAsync($"feature rollout resume {Flag}");
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(25, harness.Percent());
    }

    [Fact]
    public async Task A_step_whose_change_a_dead_leader_already_wrote_is_not_applied_again()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m");
        var plan = await harness.PlanAsync();

        // The old leader wrote step 2's change and died before saving the plan.
        harness.Clock.Advance(Quarter);
        var change = RolloutChanges.Step(plan, 1, harness.State());
        var written = await ((FlagChangeService)harness.Services.GetService(typeof(FlagChangeService))!).ApplyAsync(change, Cancel);
        Assert.True(written.Results.Single().Accepted);

        await harness.AdvanceAsync(TimeSpan.Zero);

        var events = await harness.RolloutEventsAsync();
        Assert.Equal(2, events.Count);
        plan = await harness.PlanAsync();
        Assert.Equal(1, plan.CurrentStep);
        Assert.Equal(events[1].Id, plan.Steps[1].AuditEventId);
        Assert.Equal(10, harness.Percent());
    }

    [Fact]
    public async Task Only_the_leader_moves_plans_and_a_plan_started_elsewhere_gets_its_first_step_from_the_leader()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        harness.Leadership.IsLeader = false;
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m");
        Assert.Equal(0, harness.Percent());
        await harness.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(0, harness.Percent());

        harness.Leadership.IsLeader = true;
        await harness.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(1, harness.Percent());
    }

    [Fact]
    public async Task Pause_resume_and_abort_control_the_plan_and_feature_get_shows_it()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production --every 15m --check error_rate");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        var get = (await harness.MustAsync($"feature get {Flag} --production")).ToPlainText();
        Assert.Contains("percentage_of_actors: 1", get, StringComparison.Ordinal);
        Assert.Contains("Rollout plan 1 of duo_chat_multi_thread on production: running, at step 1 of 6 (1%).", get, StringComparison.Ordinal);
        Assert.Contains("Next step at 2025-02-03 10:15:00 UTC", get, StringComparison.Ordinal);
        Assert.Contains("error_rate = 0.001 (limit <= 0.01): passed", get, StringComparison.Ordinal);

        Assert.Equal("The rollout plan is paused.", (await harness.MustAsync($"feature rollout pause {Flag}")).Headline);
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(1, harness.Percent());
        var again = await harness.CliAsync($"feature rollout pause {Flag}");
        Assert.Equal("Rollout plan 1 of duo_chat_multi_thread on production is paused; there is nothing to pause.", again.ToPlainText());

        await harness.MustAsync($"feature rollout abort {Flag}");
        Assert.Equal(RolloutStatus.Aborted, (await harness.PlanAsync()).Status);
        Assert.Equal($"{Flag} has no active rollout plan on production.", (await harness.MustAsync($"feature rollout status {Flag}")).ToPlainText());
        var resume = await harness.CliAsync($"feature rollout resume {Flag}");
        Assert.False(resume.Ok);
        Assert.Equal($"{Flag} has no active rollout plan on production; start one with `feature rollout {Flag} --production`.", resume.ToPlainText());

        // Aborted plans do not count: a new one may start.
        await harness.MustAsync($"feature rollout {Flag} --production");
    }
}
