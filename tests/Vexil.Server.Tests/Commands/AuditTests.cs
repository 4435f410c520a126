using Vexil.Server.Commands;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>What each environment's change records: GitLab's log title, and details after GitLab's log issue.</summary>
public sealed class AuditTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("feature set duo_chat_multi_thread 50 --actors --staging", "Feature flag 'duo_chat_multi_thread' has been set to '50%' of actors on staging")]
    [InlineData("feature set duo_chat_multi_thread 2.5 --actors --staging", "Feature flag 'duo_chat_multi_thread' has been set to '2.5%' of actors on staging")]
    [InlineData("feature set duo_chat_multi_thread 100 --actors --staging", "Feature flag 'duo_chat_multi_thread' has been set to '100%' of actors on staging")]
    [InlineData("feature set duo_chat_multi_thread true --staging", "Feature flag 'duo_chat_multi_thread' has been set to 'true' on staging")]
    [InlineData("feature set duo_chat_multi_thread true --actors --staging", "Feature flag 'duo_chat_multi_thread' has been set to 'true' on staging")]
    [InlineData("feature set duo_chat_multi_thread 0 --staging", "Feature flag 'duo_chat_multi_thread' has been set to '0' on staging")]
    [InlineData("feature set duo_chat_multi_thread 30 --random --ignore-random-deprecation-check --staging", "Feature flag 'duo_chat_multi_thread' has been set to '30' on staging")]
    [InlineData("feature set --user=lulalala duo_chat_multi_thread true --staging", "Feature flag 'duo_chat_multi_thread' has been set to 'true' on staging")]
    public async Task Titles_follow_gitlabs_feature_flag_log(string text, string title)
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync(text);
        Assert.Equal(title, (await harness.AuditAsync()).Single().Title);
    }

    [Fact]
    public async Task A_delete_is_titled_as_gitlab_titles_it_and_a_delete_of_nothing_writes_nothing()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync("feature set duo_chat_multi_thread true --staging");
        await harness.MustAsync("feature delete duo_chat_multi_thread --staging --dev");

        var delete = (await harness.AuditAsync()).Last();
        Assert.Equal("Feature flag 'duo_chat_multi_thread' has been deleted on staging", delete.Title);
        Assert.Equal("deleted", delete.Details["value"]);
        Assert.Equal(2, (await harness.AuditAsync()).Count);
    }

    [Fact]
    public async Task A_chat_change_records_the_person_the_channel_the_scopes_the_overrides_and_the_rollout_issue()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync("feature set duo_chat_multi_thread true --staging");
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);

        var result = await harness.ChatAsync(
            "/chatops run feature set --user=lulalala,ck3g --project=gitlab-org/gitlab --group=gitlab-org --namespace=gitlab-com " +
            "--repository=gitlab-org/gitaly --feature-group=gitlab_team_members duo_chat_multi_thread true --ignore-production-check",
            "#production",
            "shinya.maeda");
        Assert.True(result.Ok, result.ToPlainText());

        var change = (await harness.AuditAsync()).Last();
        Assert.Equal("shinya.maeda", change.User);
        Assert.Equal("chat", change.Via);
        Assert.Equal("#production", change.From);
        Assert.Equal("req-chat", change.RequestId);
        Assert.Equal("Feature flag 'duo_chat_multi_thread' has been set to 'true' on production", change.Title);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["value"] = "true",
                ["command"] = "/chatops run feature set --user=lulalala,ck3g --project=gitlab-org/gitlab --group=gitlab-org --namespace=gitlab-com --repository=gitlab-org/gitaly --feature-group=gitlab_team_members duo_chat_multi_thread true --ignore-production-check",
                ["user"] = "lulalala,ck3g",
                ["project"] = "gitlab-org/gitlab",
                ["group"] = "gitlab-org",
                ["definition_group"] = "group::duo chat",
                ["feature_group"] = "gitlab_team_members",
                ["namespace"] = "gitlab-com",
                ["repository"] = "gitlab-org/gitaly",
                ["chat_user"] = "shinya.maeda",
                ["chat_channel"] = "#production",
                ["overrides"] = "Production check ignored",
                ["rollout_issue_url"] = "https://gitlab.com/gitlab-org/gitlab/-/issues/511234",
            },
            change.Details.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal("set", change.Action);
        Assert.Equal(
            ["Group:gitlab-org", "Namespace:gitlab-com", "Project:gitlab-org/gitlab", "Repository:gitlab-org/gitaly", "User:ck3g", "User:lulalala"],
            change.After!.Actors);
    }

    [Fact]
    public async Task A_cli_change_records_the_token_and_the_client_address()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.CliAsync("feature set code_suggestions_context 25 --actors --pre", CommandHarness.Writer);

        var change = (await harness.AuditAsync()).Single();
        Assert.Equal("ci-writer", change.User);
        Assert.Equal("cli", change.Via);
        Assert.Equal("10.0.0.7", change.From);
        Assert.Equal("ci-writer", change.Details["token"]);
        Assert.Equal("group::code creation", change.Details["definition_group"]);
        Assert.Equal("https://gitlab.com/gitlab-org/gitlab/-/issues/452101", change.Details["rollout_issue_url"]);
        Assert.False(change.Details.ContainsKey("chat_user"));
        Assert.Equal("enable_percentage_of_actors", change.Action);
    }

    [Fact]
    public async Task Each_environment_gets_its_own_event_and_overrides_are_recorded_only_where_they_mattered()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync("feature set duo_chat_multi_thread 5 --random --ignore-random-deprecation-check --ignore-production-check --dev --production --ignore-feature-flag-consistency-check");

        var events = await harness.AuditAsync();
        Assert.Equal(["dev", "production"], events.Select(e => e.Environment));
        Assert.Equal("Random deprecation check ignored", events[0].Details["overrides"]);
        Assert.Equal(
            "Production check ignored; Feature flag consistency check ignored; Random deprecation check ignored",
            events[1].Details["overrides"]);
    }

    [Fact]
    public async Task A_flag_without_a_definition_is_set_only_with_force_and_its_audit_says_so()
    {
        await using var harness = await CommandHarness.StartAsync();
        var refused = await harness.CliAsync("feature set some_ops_switch true --staging");
        Assert.False(refused.Ok);
        Assert.Empty(await harness.AuditAsync());

        var result = await harness.CliAsync("feature set some_ops_switch true --staging --force");

        Assert.True(result.Ok);
        Assert.Empty(result.Notes);
        var change = (await harness.AuditAsync()).Single();
        Assert.Equal("Definition check ignored", change.Details["overrides"]);
        Assert.False(change.Details.ContainsKey("rollout_issue_url"));
        Assert.False(change.Details.ContainsKey("definition_group"));
    }

    [Fact]
    public async Task The_command_kept_in_the_details_is_bounded()
    {
        await using var harness = await CommandHarness.StartAsync();
        var padding = new string(' ', 3000);
        await harness.MustAsync($"feature set duo_chat_multi_thread true --staging{padding}--dev");

        var details = (await harness.AuditAsync()).First().Details["command"];
        Assert.Equal(ChangeOriginsMax + 1, details.Length);
        Assert.EndsWith("…", details, StringComparison.Ordinal);
    }

    private static int ChangeOriginsMax => Vexil.Server.Commands.Execution.ChangeOrigins.MaxCommandLength;
}
