using Vexil.Core.State;
using Vexil.Server.Commands.Results;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>
/// The two seed rollout issues, step by step, with the commands exactly as the issues print them: non-production at
/// 50% of actors, non-production fully on, production for projects, groups, a user and a feature group, production
/// fully on, the rollback, and the clean-up delete everywhere.
/// </summary>
public sealed class SeedRolloutTests
{
    private const string TeamChannel = "g_duo_chat";
    private static readonly string[] NonProduction = ["dev", "pre", "staging", "staging-ref"];

    [Fact]
    public async Task Duo_chat_multi_thread_rollout_issue()
    {
        await using var harness = await CommandHarness.StartAsync();
        const string Flag = "duo_chat_multi_thread";

        // Rollout on non-production environments: the issue says to run these in the channel the command affects.
        var fifty = await harness.ChatAsync($"/chatops run feature set {Flag} 50 --actors --dev --pre --staging --staging-ref", TeamChannel, "shinya.maeda");
        Assert.True(fifty.Ok, fifty.ToPlainText());
        Assert.Equal(
            string.Join("\n\n", NonProduction.Select(environment =>
                $"{environment}\n  Name: {Flag}\n  State: Enabled\n  Enabled Globally: false\n  percentage_of_actors: 50").Prepend("The feature flag value has been updated!")),
            fifty.ToPlainText());
        Assert.All(NonProduction, environment => Assert.Equal(50_000, harness.State(environment, Flag)!.PercentageOfActors.Thousandths));
        Assert.Null(harness.State("production", Flag));

        var on = await harness.ChatAsync($"/chatops run feature set {Flag} true --dev --pre --staging --staging-ref", TeamChannel, "shinya.maeda");
        Assert.True(on.Ok, on.ToPlainText());
        Assert.All(NonProduction, environment => Assert.Equal(FlagState.Empty with { Boolean = true }, harness.State(environment, Flag)));

        // Specific rollout on production, in #production: each actor option from the issue.
        foreach (var text in new[]
        {
            $"/chatops run feature set --project=gitlab-org/gitlab,gitlab-org/gitlab-foss,gitlab-com/www-gitlab-com {Flag} true",
            $"/chatops run feature set --group=gitlab-org,gitlab-com {Flag} true",
            $"/chatops run feature set --user=lulalala {Flag} true",
            $"/chatops run feature set --feature-group=gitlab_team_members {Flag} true",
        })
        {
            var step = await harness.ChatAsync(text, "production", "lulalala");
            Assert.True(step.Ok, $"{text}: {step.ToPlainText()}");
        }

        var production = harness.Snapshots.Get("production");
        Assert.Equal(FlagStatus.Conditional, harness.State("production", Flag)!.Status);
        Assert.True(production.IsEnabled(Flag, "Project:gitlab-org/gitlab-foss"));
        Assert.True(production.IsEnabled(Flag, "Group:gitlab-com"));
        Assert.True(production.IsEnabled(Flag, "User:lulalala"));
        Assert.True(production.IsEnabled(Flag, "User:ck3g")); // through the gitlab_team_members feature group
        Assert.False(production.IsEnabled(Flag, "User:someone_else"));
        Assert.False(production.IsEnabled(Flag));

        var get = await harness.ChatAsync($"/chatops run feature get {Flag}", "production");
        Assert.Equal(
            $"production\n  Name: {Flag}\n  State: Enabled\n  Enabled Globally: false\n" +
            "  Scoped to: Group:gitlab-com, Group:gitlab-org, Project:gitlab-com/www-gitlab-com, Project:gitlab-org/gitlab, Project:gitlab-org/gitlab-foss, User:lulalala\n" +
            "  groups: gitlab_team_members\n  Group: group::duo chat\n  Rollout issue: https://gitlab.com/gitlab-org/gitlab/-/issues/511234",
            get.ToPlainText());

        // Global rollout on production.
        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} true", "production")).Ok);
        Assert.Equal(FlagState.Empty with { Boolean = true }, harness.State("production", Flag));

        // Rollback steps: production first, then the others (the consistency check allows exactly this order).
        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} false", "production")).Ok);
        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} false --dev --pre --staging --staging-ref", "production")).Ok);
        Assert.All(NonProduction.Append("production"), environment => Assert.Equal(FlagStatus.Off, harness.State(environment, Flag)!.Status));

        // Delete from all environments.
        var delete = await harness.ChatAsync($"/chatops run feature delete {Flag} --dev --pre --staging --staging-ref --production", "production");
        Assert.True(delete.Ok, delete.ToPlainText());
        Assert.Equal(
            string.Join("\n\n", NonProduction.Append("production").Select(environment => $"Feature flag {Flag} has been removed from {environment}!")),
            delete.ToPlainText());
        Assert.All(NonProduction.Append("production"), environment => Assert.Null(harness.State(environment, Flag)));

        // Deleting again changes nothing and says the same, as GitLab's DELETE does.
        var again = await harness.ChatAsync($"/chatops run feature delete {Flag} --dev --pre --staging --staging-ref --production", "production");
        Assert.True(again.Ok);
        Assert.All(again.Environments, environment => Assert.Equal(EnvironmentStatus.Unchanged, environment.Status));
        Assert.Equal(delete.ToPlainText(), again.ToPlainText());

        var titles = (await harness.AuditAsync()).Select(e => e.Title!).ToArray();
        Assert.Equal(
            [
                .. NonProduction.Select(environment => $"Feature flag '{Flag}' has been set to '50%' of actors on {environment}"),
                .. NonProduction.Select(environment => $"Feature flag '{Flag}' has been set to 'true' on {environment}"),
                $"Feature flag '{Flag}' has been set to 'true' on production",
                $"Feature flag '{Flag}' has been set to 'true' on production",
                $"Feature flag '{Flag}' has been set to 'true' on production",
                $"Feature flag '{Flag}' has been set to 'true' on production",
                $"Feature flag '{Flag}' has been set to 'true' on production",
                $"Feature flag '{Flag}' has been set to 'false' on production",
                .. NonProduction.Select(environment => $"Feature flag '{Flag}' has been set to 'false' on {environment}"),
                .. NonProduction.Append("production").Select(environment => $"Feature flag '{Flag}' has been deleted on {environment}"),
            ],
            titles);
    }

    [Fact]
    public async Task Code_suggestions_context_rollout_issue()
    {
        await using var harness = await CommandHarness.StartAsync();
        const string Flag = "code_suggestions_context";

        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} 50 --actors --dev --pre --staging --staging-ref", "g_code_creation", "ck3g")).Ok);
        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} true --dev --pre --staging --staging-ref", "g_code_creation", "ck3g")).Ok);

        // Specific rollout on production: the issue's user option with the DRI filled in, then the project option.
        Assert.True((await harness.ChatAsync($"/chatops run feature set --user=ck3g {Flag} true", "production", "ck3g")).Ok);
        Assert.True((await harness.ChatAsync($"/chatops run feature set --project=gitlab-org/gitlab,gitlab-org/gitlab-foss,gitlab-com/www-gitlab-com {Flag} true", "production", "ck3g")).Ok);

        // Incremental actor-based rollout on production, then globally.
        foreach (var percentage in new[] { "1", "10", "25", "50", "75" })
        {
            var step = await harness.ChatAsync($"/chatops run feature set {Flag} {percentage} --actors", "production", "ck3g");
            Assert.True(step.Ok, step.ToPlainText());
        }

        var state = harness.State("production", Flag)!;
        Assert.Equal(75_000, state.PercentageOfActors.Thousandths);
        Assert.Contains("User:ck3g", state.Actors);
        Assert.True(harness.Snapshots.Get("production").IsEnabled(Flag, "User:ck3g"));

        var set = await harness.ChatAsync($"/chatops run feature set {Flag} true", "production", "ck3g");
        Assert.Equal(
            $"The feature flag value has been updated!\n\nproduction\n  Name: {Flag}\n  State: Enabled\n  Enabled Globally: true",
            set.ToPlainText());

        var get = await harness.ChatAsync($"/chatops run feature get {Flag}", "g_code_creation");
        Assert.True(get.Ok);
        Assert.Equal("Enabled", get.Environments.Single().Flag!.Fields.Single(field => field.Title == "State").Value);

        // Rollback, then the clean-up in #production.
        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} false", "production", "ck3g")).Ok);
        Assert.True((await harness.ChatAsync($"/chatops run feature set {Flag} false --dev --pre --staging --staging-ref", "g_code_creation", "ck3g")).Ok);
        Assert.True((await harness.ChatAsync($"/chatops run feature delete {Flag} --dev --pre --staging --staging-ref --production", "production", "ck3g")).Ok);

        // The flag is gone from every environment's store and answers its definition's default (false) again.
        foreach (var environment in NonProduction.Append("production"))
        {
            Assert.Null(harness.State(environment, Flag));
            Assert.False(harness.Snapshots.Get(environment).IsEnabled(Flag, "User:ck3g"));
        }

        var audit = await harness.AuditAsync();
        Assert.Equal(
            [
                $"Feature flag '{Flag}' has been set to '1%' of actors on production",
                $"Feature flag '{Flag}' has been set to '10%' of actors on production",
                $"Feature flag '{Flag}' has been set to '25%' of actors on production",
                $"Feature flag '{Flag}' has been set to '50%' of actors on production",
                $"Feature flag '{Flag}' has been set to '75%' of actors on production",
            ],
            audit.Where(e => e.Title!.Contains("of actors on production", StringComparison.Ordinal)).Select(e => e.Title!));
        Assert.All(audit, e => Assert.Equal("ck3g", e.User));
    }

    [Fact]
    public async Task The_end_to_end_test_hint_of_the_rollout_issue_matches_the_staging_title()
    {
        // "test kicked off: Feature flag duo_chat_multi_thread has been set to true on gstg" -- the title names the
        // environment by its canonical name; the alias works in the command.
        await using var harness = await CommandHarness.StartAsync();
        Assert.True((await harness.ChatAsync("feature set duo_chat_multi_thread true --gstg", TeamChannel)).Ok);
        Assert.Equal("Feature flag 'duo_chat_multi_thread' has been set to 'true' on staging", (await harness.AuditAsync()).Single().Title);
    }
}
