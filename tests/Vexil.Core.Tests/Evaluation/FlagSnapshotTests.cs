using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Xunit;

namespace Vexil.Core.Tests.Evaluation;

public sealed class FlagSnapshotTests
{
    private static readonly FeatureGroupRegistry Groups = new([new ActorListFeatureGroup("gitlab_team_members", ["User:lulalala", "User:ck3g"])]);

    [Fact]
    public void Boolean_opens_for_everyone_including_no_actor()
    {
        var snapshot = Build(("f", FlagState.Empty with { Boolean = true }));
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.Static), snapshot.Evaluate("f", []));
        Assert.True(snapshot.IsEnabled("f", "User:1"));
    }

    [Fact]
    public void Off_flag_is_disabled()
    {
        var snapshot = Build(("f", FlagState.Empty));
        Assert.Equal(new FlagEvaluation(false, EvaluationReason.Disabled), snapshot.Evaluate("f", ["User:1"]));
    }

    [Fact]
    public void Actor_gate_opens_for_listed_actors_only()
    {
        var snapshot = Build(("f", FlagState.Create(false, ["User:lulalala"])));
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.TargetingMatch), snapshot.Evaluate("f", ["User:lulalala"]));
        Assert.Equal(new FlagEvaluation(false, EvaluationReason.NoMatch), snapshot.Evaluate("f", ["User:other"]));
        Assert.False(snapshot.IsEnabled("f"));
    }

    [Fact]
    public void Any_of_several_actors_opens_the_actor_gate()
    {
        var snapshot = Build(("f", FlagState.Create(false, ["Project:gitlab-org/gitlab"])));
        Assert.True(snapshot.IsEnabled("f", ["User:1", "Project:gitlab-org/gitlab"]));
        Assert.False(snapshot.IsEnabled("f", ["User:1", "Project:other"]));
    }

    [Fact]
    public void Feature_group_opens_for_members_and_unregistered_groups_never_open()
    {
        var snapshot = Build(("f", FlagState.Create(false, groups: ["gitlab_team_members", "unregistered"])));
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.TargetingMatch), snapshot.Evaluate("f", ["User:ck3g"]));
        Assert.False(snapshot.IsEnabled("f", "User:someone"));
        Assert.False(snapshot.IsEnabled("f"));
    }

    [Fact]
    public void Percentage_of_actors_needs_an_actor_and_reports_split()
    {
        var snapshot = Build(("duo_chat_multi_thread", FlagState.Empty with { PercentageOfActors = Percentage.Parse("25") }));
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.Split), snapshot.Evaluate("duo_chat_multi_thread", ["User:1"]));
        Assert.False(snapshot.IsEnabled("duo_chat_multi_thread"));
    }

    [Fact]
    public void Hundred_percent_of_actors_opens_for_every_actor_but_not_for_none()
    {
        var snapshot = Build(("f", FlagState.Empty with { PercentageOfActors = Percentage.Full }));
        Assert.All(Enumerable.Range(0, 500), i => Assert.True(snapshot.IsEnabled("f", $"User:{i}")));
        Assert.False(snapshot.IsEnabled("f"));
    }

    [Fact]
    public void Percentage_of_time_draws_at_random()
    {
        var never = Build(("f", FlagState.Empty with { PercentageOfTime = Percentage.Parse("0.001") }));
        var always = Build(("f", FlagState.Empty with { PercentageOfTime = Percentage.Full }));
        var half = Build(("f", FlagState.Empty with { PercentageOfTime = Percentage.Parse("50") }));
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.Static), always.Evaluate("f", []));

        var opened = Enumerable.Range(0, 20_000).Count(_ => half.IsEnabled("f"));
        // Binomial(20000, 0.5) lies within 47%..53% except with probability below 1e-15.
        Assert.InRange(opened, 9_400, 10_600);
        Assert.InRange(Enumerable.Range(0, 20_000).Count(_ => never.IsEnabled("f")), 0, 20);
    }

    [Fact]
    public void Opted_out_actor_is_never_enabled_whatever_the_other_gates_say()
    {
        var state = FlagState.Create(false, ["User:1", "User:1:opt_out"], ["gitlab_team_members"], percentageOfTime: Percentage.Full);
        var snapshot = Build(("f", state));
        Assert.Equal(FlagStatus.On, state.Status);
        Assert.Equal(new FlagEvaluation(false, EvaluationReason.OptedOut), snapshot.Evaluate("f", ["User:1"]));
        Assert.True(snapshot.IsEnabled("f", "User:2"));
    }

    [Fact]
    public void Defined_flag_without_state_answers_its_default()
    {
        var snapshot = FlagSnapshot.Build("production", 3, [], new Dictionary<string, bool> { ["on_by_default"] = true, ["off_by_default"] = false }, Groups);
        Assert.Equal(new FlagEvaluation(true, EvaluationReason.Default), snapshot.Evaluate("on_by_default", ["User:1"]));
        Assert.Equal(new FlagEvaluation(false, EvaluationReason.Default), snapshot.Evaluate("off_by_default", []));
        Assert.Equal(FlagEvaluation.Unknown, snapshot.Evaluate("nobody_knows", []));
    }

    [Fact]
    public void Stored_state_wins_over_the_definition_default()
    {
        var snapshot = FlagSnapshot.Build("production", 1, [new("on_by_default", FlagState.Empty)], new Dictionary<string, bool> { ["on_by_default"] = true }, Groups);
        Assert.Equal(new FlagEvaluation(false, EvaluationReason.Disabled), snapshot.Evaluate("on_by_default", []));
    }

    [Fact]
    public void With_flag_builds_a_new_snapshot_and_leaves_the_old_one_untouched()
    {
        var before = FlagSnapshot.Build("staging", 1, [new("f", FlagState.Empty)], new Dictionary<string, bool> { ["d"] = true }, Groups);
        var after = before.WithFlag("f", FlagState.Empty with { Boolean = true }, 2);
        Assert.False(before.IsEnabled("f"));
        Assert.True(after.IsEnabled("f"));
        Assert.Equal(2, after.Sequence);

        var deleted = after.WithFlag("f", null, 3).WithFlag("d", null, 4);
        Assert.Equal(EvaluationReason.Unknown, deleted.Evaluate("f", []).Reason);
        Assert.Equal(EvaluationReason.Default, deleted.Evaluate("d", []).Reason);
    }

    [Fact]
    public void Null_actors_are_ignored_as_flipper_compacts_them()
    {
        var snapshot = Build(("f", FlagState.Empty with { PercentageOfActors = Percentage.Full }));
        Assert.False(snapshot.IsEnabled("f", [null!]));
        Assert.True(snapshot.IsEnabled("f", [null!, "User:1"]));
    }

    [Fact]
    public void Evaluating_allocates_nothing_for_any_gate_kind_in_a_small_or_a_10000_flag_snapshot()
    {
        var flags = new List<(string Name, FlagState State)>
        {
            ("boolean_flag", FlagState.Empty with { Boolean = true }),
            ("actor_flag", FlagState.Create(false, ["User:1", "User:42", "User:lulalala", "User:7:opt_out"])),
            ("split_flag", FlagState.Empty with { PercentageOfActors = Percentage.Parse("50") }),
            ("group_flag", FlagState.Empty with { Groups = ["gitlab_team_members"] }),
            ("time_flag", FlagState.Empty with { PercentageOfTime = Percentage.Parse("50") }),
        };
        var small = Build([.. flags]);
        var large = Build([.. flags, .. Enumerable.Range(0, 9_995).Select(i => ($"generated_flag_{i}", FlagState.Create(false, Enumerable.Range(0, 10).Select(a => $"User:{(i * 10) + a}"))))]);
        string[] three = ["User:140834", "Project:278964", "Group:9970"];
        FlagSnapshot[] snapshots = [small, large];
        var opened = 0;

        void EvaluateEverything()
        {
            foreach (var snapshot in snapshots)
            {
                foreach (var (name, _) in flags)
                {
                    opened += snapshot.IsEnabled(name) ? 1 : 0;
                    opened += snapshot.IsEnabled(name, "User:42") ? 1 : 0;
                    opened += snapshot.IsEnabled(name, "User:7") ? 1 : 0;
                    opened += snapshot.IsEnabled(name, three) ? 1 : 0;
                }

                opened += snapshot.IsEnabled("no_such_flag", "User:42") ? 1 : 0;
            }
        }

        // Warm up past tiered compilation, whose one-off work can show up as allocations on this thread.
        for (var i = 0; i < 3_000; i++)
        {
            EvaluateEverything();
        }

        // Let background tier-1 compilation install its code. Sleep, not await: the count is per thread, and an await
        // can resume on another thread, where percentage-of-time's first draw creates that thread's Random state once
        // (80 bytes, seen in CI). Then one more pass on this thread, so only per-evaluation allocations are left to count.
        Thread.Sleep(200);
        EvaluateEverything();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            EvaluateEverything();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(opened > 0);
    }

    private static FlagSnapshot Build(params (string Name, FlagState State)[] flags) =>
        FlagSnapshot.Build("test", 1, flags.Select(f => new KeyValuePair<string, FlagState>(f.Name, f.State)), new Dictionary<string, bool>(), Groups);
}
