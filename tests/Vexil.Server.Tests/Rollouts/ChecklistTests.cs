using Vexil.Server.Environments;
using Vexil.Server.Rollouts.Checklist;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// The live checklist of a flag walked through both seed rollouts: each item flips from not done to done as the
/// commands of the issues run, with the evidence; deployments are unknown while nothing records them.
/// </summary>
public sealed class ChecklistTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Duo_chat_multi_thread_through_its_rollout_issue_with_the_production_ladder_left_to_vexil()
    {
        const string Flag = "duo_chat_multi_thread";
        await using var harness = await RolloutHarness.StartAsync();
        var checklist = (FlagChecklist)harness.Services.GetService(typeof(FlagChecklist))!;

        var view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["definition_exists"].State);
        Assert.Contains("duo_chat_multi_thread.yml", view["definition_exists"].Evidence, StringComparison.Ordinal);
        Assert.Equal(ChecklistItem.Unknown, view["deployed"].State);
        Assert.Equal("No repository is configured (Vexil:Repository:Url), so Vexil cannot tell which deployments contain it; check with `auto_deploy status`.", view["deployed"].Evidence);
        Assert.All(
            ["partial_non_production", "global_non_production", "actors_production", "percentage_production", "global_production", "verification_over", "default_enabled", "state_deleted", "definition_removed"],
            key => Assert.Equal(ChecklistItem.NotDone, view[key].State));

        await harness.MustAsync($"feature set {Flag} 50 --actors --dev --pre --staging --staging-ref");
        view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["partial_non_production"].State);
        Assert.StartsWith("dev: enable_percentage_of_actors by bootstrap-admin via cli at 2025-02-03 10:00 UTC", view["partial_non_production"].Evidence, StringComparison.Ordinal);
        Assert.Equal(ChecklistItem.NotDone, view["global_non_production"].State);

        await harness.EnableOnNonProductionAsync();
        Assert.Equal(ChecklistItem.Done, (await checklist.BuildAsync(Flag, Cancel))["global_non_production"].State);

        await harness.MustAsync($"feature set --feature-group=gitlab_team_members {Flag} true");
        view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["actors_production"].State);
        Assert.Equal(ChecklistItem.NotDone, view["percentage_production"].State);

        await harness.MustAsync($"feature rollout {Flag} --production --steps 25,100 --every 15m --verify 1d");
        view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["percentage_production"].State);
        Assert.Contains("via rollout", view["percentage_production"].Evidence, StringComparison.Ordinal);
        Assert.Single(view.ActivePlans);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(15));
        view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["global_production"].State);
        Assert.Equal(ChecklistItem.NotDone, view["verification_over"].State);
        Assert.Equal("Enabled globally on production since 2025-02-03 10:15 UTC; 24 hour(s) to go.", view["verification_over"].Evidence);

        await harness.AdvanceAsync(TimeSpan.FromDays(1));
        view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["verification_over"].State);
        Assert.Empty(view.ActivePlans); // the plan completed
        Assert.Equal(ChecklistItem.NotDone, view["default_enabled"].State);

        // The issue's markdown ticks what is done.
        var issue = RolloutIssueWriter.Write(view, (EnvironmentCatalog)harness.Services.GetService(typeof(EnvironmentCatalog))!);
        Assert.StartsWith("# [Feature flag] Rollout of `duo_chat_multi_thread`", issue, StringComparison.Ordinal);
        Assert.Contains("- Group: group::duo chat", issue, StringComparison.Ordinal);
        Assert.Contains("- [x] Enable it globally: `feature set duo_chat_multi_thread true --dev --pre --staging-canary --staging --staging-ref --ops`", issue, StringComparison.Ordinal);
        Assert.Contains("- [x] A day of verification has passed with the checks holding", issue, StringComparison.Ordinal);
        Assert.Contains("- [ ] Either set `default_enabled: true` in the definition and ship it", issue, StringComparison.Ordinal);

        // Clean-up: the state deleted everywhere.
        await harness.MustAsync($"feature delete {Flag} --dev --pre --staging --staging-ref --ops --production");
        view = await checklist.BuildAsync(Flag, Cancel);
        Assert.Equal(ChecklistItem.Done, view["state_deleted"].State);
        Assert.Equal(ChecklistItem.NotDone, view["definition_removed"].State);
    }

    [Fact]
    public async Task Code_suggestions_context_through_its_rollout_issue_by_hand_and_the_checklist_command()
    {
        const string Flag = "code_suggestions_context";
        await using var harness = await RolloutHarness.StartAsync();
        await harness.MustAsync($"feature set {Flag} 50 --actors --dev --pre --staging --staging-ref");
        await harness.MustAsync($"feature set {Flag} true --dev --pre --staging --staging-ref");
        await harness.MustAsync($"feature set --user=ck3g {Flag} true");
        await harness.MustAsync($"feature set {Flag} 50 --actors");
        await harness.MustAsync($"feature set {Flag} true");
        harness.Clock.Advance(TimeSpan.FromHours(30));

        var text = (await harness.MustAsync($"feature checklist {Flag}")).ToPlainText();
        Assert.Contains("[x] The flag's definition exists: gitlab_com_derisk/code_suggestions_context.yml (group group::code creation, milestone 16.11).", text, StringComparison.Ordinal);
        Assert.Contains("[?] The introducing merge request is deployed to each environment: No repository is configured (Vexil:Repository:Url), so Vexil cannot tell which deployments contain it; check with `auto_deploy status`.", text, StringComparison.Ordinal);
        Assert.Contains("[x] Enabled for specific actors on production: production: enable_actor by bootstrap-admin via cli", text, StringComparison.Ordinal);
        Assert.Contains("[x] Enabled for a percentage on production: production: enable_percentage_of_actors", text, StringComparison.Ordinal);
        Assert.Contains("[x] Enabled globally on production: Enabled globally on production since 2025-02-03 10:00 UTC by bootstrap-admin via cli, for 1 day(s).", text, StringComparison.Ordinal);
        Assert.Contains("[x] The verification period (one day) is over:", text, StringComparison.Ordinal);
        Assert.Contains("[ ] default_enabled: true is in the definition: gitlab_com_derisk/code_suggestions_context.yml has default_enabled: false.", text, StringComparison.Ordinal);
        Assert.Contains("[ ] The definition is removed:", text, StringComparison.Ordinal);
    }
}
