using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Commands.Results;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>The answers people read: get, list, delete, help, in plain text and Markdown.</summary>
public sealed class AnswerTests
{
    [Fact]
    public async Task List_shows_enabled_and_disabled_flags_with_gitlabs_footers()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", "duo_chat_multi_thread", GateOperation.SetPercentageOfActors(Percentage.Parse("50")));
        await harness.SetUpAsync("staging", "code_suggestions_context", GateOperation.EnableBoolean());
        await harness.SetUpAsync("staging", "old_flag", GateOperation.DisableBoolean());
        await harness.SetUpAsync("staging", "beta_users", GateOperation.EnableActor("User:lulalala"), GateOperation.EnableGroup("gitlab_team_members"));

        var result = await harness.CliAsync("feature list --staging");

        Assert.True(result.Ok);
        Assert.Equal(
            """
            staging
              Enabled Features
                beta_users (Scoped to: User:lulalala; groups: gitlab_team_members)
                code_suggestions_context
                duo_chat_multi_thread (Percentage of actors: 50%)
              3 enabled features on staging
              Disabled Features
                old_flag
              1 disabled features on staging
            """,
            result.ToPlainText());
    }

    [Fact]
    public async Task List_filters_with_match_and_counts_what_it_shows()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("production", "duo_chat_multi_thread", GateOperation.EnableBoolean());
        await harness.SetUpAsync("production", "code_suggestions_context", GateOperation.EnableBoolean());

        var result = await harness.ChatAsync("feature list --match DUO", "g_duo_chat");

        var listing = result.Environments.Single().Listing!;
        Assert.Equal(["duo_chat_multi_thread"], listing.Enabled.Select(entry => entry.Name));
        Assert.Equal("1 enabled features on production", listing.EnabledFooter);
        Assert.Equal("0 disabled features on production", listing.DisabledFooter);
    }

    [Fact]
    public async Task List_of_several_environments_has_a_section_each()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync("feature list --staging --production");
        Assert.Equal(
            "staging\n  Enabled Features\n  0 enabled features on staging\n  Disabled Features\n  0 disabled features on staging\n\n" +
            "production\n  Enabled Features\n  0 enabled features on production\n  Disabled Features\n  0 disabled features on production",
            result.ToPlainText());
    }

    [Fact]
    public async Task Get_of_a_defined_flag_without_stored_state_shows_its_default()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync("feature get code_suggestions_context");
        Assert.Equal(
            "production\n  Name: code_suggestions_context\n  State: Disabled\n" +
            "  Default: not set on production; the definition's default_enabled (false) applies\n" +
            "  Group: group::code creation\n  Rollout issue: https://gitlab.com/gitlab-org/gitlab/-/issues/452101",
            result.ToPlainText());
    }

    [Fact]
    public async Task Get_across_environments_says_where_the_flag_does_not_exist()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", "ops_switch", GateOperation.SetPercentageOfTime(Percentage.Parse("25")));

        var result = await harness.CliAsync("feature get ops_switch --staging --production");

        Assert.True(result.Ok);
        Assert.Equal(
            "staging\n  Name: ops_switch\n  State: Enabled\n  Enabled Globally: false\n  percentage_of_time: 25\n\n" +
            "The feature \"ops_switch\" does not exist on production.",
            result.ToPlainText());
        Assert.Equal([EnvironmentStatus.Shown, EnvironmentStatus.NotFound], result.Environments.Select(e => e.Status));
    }

    [Fact]
    public async Task A_set_answer_in_markdown_uses_code_spans_for_names_and_values()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync("feature set duo_chat_multi_thread 50 --actors --staging");
        Assert.Equal(
            "The feature flag value has been updated!\n\n**staging**\n- Name: `duo_chat_multi_thread`\n- State: Enabled\n- Enabled Globally: `false`\n- percentage_of_actors: `50`",
            result.ToMarkdown());
    }

    [Fact]
    public async Task Markdown_code_spans_survive_backticks_in_actor_ids()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync("feature set duo_chat_multi_thread true --user='we`ird' --staging");
        Assert.Contains("- Scoped to: `` User:we`ird ``", result.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_in_markdown_is_the_sentence_and_each_environments_status()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.ChatAsync("feature set duo_chat_multi_thread true --staging --production", "general");
        Assert.Equal(
            "Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel.\n\n**staging**: not changed\n**production**: refused",
            result.ToMarkdown());
    }

    [Fact]
    public async Task Help_succeeds_and_lists_the_subcommands()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.ChatAsync("feature --help", "general");
        Assert.True(result.Ok);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage:\n  feature get NAME [ENVIRONMENTS]", result.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_for_actors_shows_who_it_is_scoped_to()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync("feature set duo_chat_multi_thread true --user=lulalala --feature-group=gitlab_team_members --staging");
        Assert.Equal(
            "The feature flag value has been updated!\n\nstaging\n  Name: duo_chat_multi_thread\n  State: Enabled\n  Enabled Globally: false\n  Scoped to: User:lulalala\n  groups: gitlab_team_members",
            result.ToPlainText());
    }

    [Fact]
    public async Task Removing_the_last_actor_shows_the_flag_disabled()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync("feature set duo_chat_multi_thread true --user=lulalala --staging");
        var result = await harness.CliAsync("feature set duo_chat_multi_thread false --user=lulalala --staging");
        Assert.Equal(
            "The feature flag value has been updated!\n\nstaging\n  Name: duo_chat_multi_thread\n  State: Disabled\n  Enabled Globally: false",
            result.ToPlainText());
        Assert.Equal(FlagStatus.Off, harness.State("staging", "duo_chat_multi_thread")!.Status);
    }
}
