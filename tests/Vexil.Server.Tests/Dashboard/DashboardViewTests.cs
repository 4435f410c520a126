using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Dashboard.Editing;
using Vexil.Server.Dashboard.Views;
using Vexil.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Lifecycle;
using Xunit;

namespace Vexil.Server.Tests.Dashboard;

public sealed class DashboardViewTests
{
    private static readonly VexilEnvironment Staging = new("staging", ["gstg"], false, 2);
    private static readonly VexilEnvironment Production = new("production", ["gprd"], true, 5);

    [Theory]
    [InlineData(true, null, "default on", "default-on")]
    [InlineData(false, null, "default off", "default-off")]
    [InlineData(null, null, "not set", "unset")]
    public void A_flag_not_stored_shows_its_default(bool? defaultEnabled, string? unused, string text, string state)
    {
        _ = unused;
        Assert.Equal(new CellSummary(text, state), CellSummary.Of(null, defaultEnabled));
    }

    [Fact]
    public void Cells_summarise_the_gates_in_a_few_words()
    {
        Assert.Equal("on", CellSummary.Of(FlagState.Create(true), false).Text);
        Assert.Equal("off", CellSummary.Of(FlagState.Create(false), true).Text);
        Assert.Equal("50% of actors", CellSummary.Of(FlagState.Create(false, percentageOfActors: Percentage.Parse("50")), false).Text);
        Assert.Equal("3 actors", CellSummary.Of(FlagState.Create(false, ["User:1", "User:2", "User:3"]), false).Text);
        Assert.Equal("gitlab_team_members", CellSummary.Of(FlagState.Create(false, groups: ["gitlab_team_members"]), false).Text);
        Assert.Equal("1 actor, 1 opt-out", CellSummary.Of(FlagState.Create(false, ["User:1", "User:2:opt_out"]), false).Text);
        Assert.Equal("partial", CellSummary.Of(FlagState.Create(false, ["User:1"]), false).State);
    }

    [Fact]
    public void The_rollout_stage_follows_the_seed_issues_steps()
    {
        FlagState half = FlagState.Create(false, percentageOfActors: Percentage.Parse("50"));
        FlagState on = FlagState.Create(true);
        FlagState actors = FlagState.Create(false, ["User:lulalala"]);
        Assert.Equal(0, RolloutStage.Of([(Staging, null), (Production, null)], false));
        Assert.Equal(1, RolloutStage.Of([(Staging, half), (Production, null)], false));
        Assert.Equal(2, RolloutStage.Of([(Staging, on), (Production, null)], false));
        Assert.Equal(3, RolloutStage.Of([(Staging, on), (Production, actors)], false));
        Assert.Equal(4, RolloutStage.Of([(Staging, on), (Production, half)], false));
        Assert.Equal(5, RolloutStage.Of([(Staging, on), (Production, on)], false));
        Assert.Equal(6, RolloutStage.Of([(Staging, on), (Production, on)], true));
        Assert.Equal(7, RolloutStage.Of([(Staging, null), (Production, null)], null));
    }

    [Fact]
    public void The_past_lifetime_mark_follows_the_lifecycles_lifetimes_and_calendar()
    {
        // 17.9 came out on 2025-02-20 (the lifecycle's calendar); beta lives 183 days by default: until 2025-08-22.
        var beta = Definition(DefinitionType.Beta);
        var defaults = new LifecycleOptions();
        Assert.Equal(new DateTimeOffset(2025, 8, 22, 0, 0, 0, TimeSpan.Zero), LifetimeMark.EndOf(beta, defaults));
        Assert.False(LifetimeMark.IsPast(beta, defaults, new DateTimeOffset(2025, 8, 21, 23, 0, 0, TimeSpan.Zero)));
        Assert.True(LifetimeMark.IsPast(beta, defaults, new DateTimeOffset(2025, 8, 22, 0, 0, 0, TimeSpan.Zero)));

        // Vexil:Lifecycle:Types:beta:Lifetime rules, not the type's months (the dashboard's old rule said 2025-08-01).
        var configured = new LifecycleOptions();
        configured.Types["beta"] = new LifecycleTypeOptions { Lifetime = TimeSpan.FromDays(10) };
        Assert.True(LifetimeMark.IsPast(beta, configured, new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero)));

        Assert.False(LifetimeMark.IsPast(beta with { Permanent = true }, defaults, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(LifetimeMark.IsPast(Definition(DefinitionType.Ops), defaults, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Null(LifetimeMark.EndOf(beta with { Milestone = "next" }, defaults));
    }

    private static FlagDefinition Definition(DefinitionType type) => new()
    {
        Name = "duo_chat_multi_thread",
        IntroducedByUrl = "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1",
        Milestone = "17.9",
        Type = type,
        Group = "group::duo chat",
        DefaultEnabled = false,
        SourcePath = "/definitions/beta/duo_chat_multi_thread.yml",
    };

    [Fact]
    public void Edit_forms_become_feature_set_commands()
    {
        Assert.Equal("feature set f \"50\" --actors --staging", FlagEditCommand.Build("f", Staging, new FlagEditForm { Action = "percentage", Percentage = "50" }).Command);
        Assert.Equal("feature set f true --production", FlagEditCommand.Build("f", Production, new FlagEditForm { Action = "enable" }).Command);
        Assert.Equal(
            "feature set f true --user=\"lulalala:opt_out\" --ignore-production-check --production",
            FlagEditCommand.Build("f", Production, new FlagEditForm { Action = "add-opt-out", ActorKind = "user", Target = "lulalala", IgnoreProductionCheck = true }).Command);
        Assert.Equal(
            "feature set f false --feature-group=\"gitlab_team_members\" --staging",
            FlagEditCommand.Build("f", Staging, new FlagEditForm { Remove = "group:gitlab_team_members" }).Command);
    }

    [Fact]
    public void Typed_values_cannot_add_options_to_the_command()
    {
        var (command, _) = FlagEditCommand.Build("f", Staging, new FlagEditForm { Action = "add-actor", ActorKind = "user", Target = "x\" --production --force \"" });
        Assert.Equal("feature set f true --user=\"x\\\" --production --force \\\"\" --staging", command);
    }

    [Fact]
    public void Missing_fields_get_a_sentence_saying_what_to_fill_in()
    {
        Assert.StartsWith("Type a percentage", FlagEditCommand.Build("f", Staging, new FlagEditForm { Action = "percentage" }).Error, StringComparison.Ordinal);
        Assert.StartsWith("Choose the actor's kind", FlagEditCommand.Build("f", Staging, new FlagEditForm { Action = "add-actor", ActorKind = "team", Target = "x" }).Error, StringComparison.Ordinal);
        Assert.StartsWith("That entry cannot be removed here", FlagEditCommand.Build("f", Staging, new FlagEditForm { Remove = "actor:Team:1" }).Error, StringComparison.Ordinal);
    }
}
