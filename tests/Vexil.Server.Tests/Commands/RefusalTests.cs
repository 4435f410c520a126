using Vexil.Core.State;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Results;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>Every refusal of the feature command, word for word (GitLab's where GitLab has one), and its exit code.</summary>
public sealed class RefusalTests
{
    private const string Flag = "duo_chat_multi_thread";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("feature set")]
    [InlineData("feature set duo_chat_multi_thread")]
    [InlineData("feature set --staging duo_chat_multi_thread")]
    [InlineData("feature set 150")]
    public async Task Check_1_name_and_value_are_required(string text)
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync(text);
        AssertUsage("You must specify the name of the feature flag and its new value.", result);
    }

    [Theory]
    [InlineData("150", "The value \"150\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.")]
    [InlineData("yes", "The value \"yes\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.")]
    [InlineData("0.0001", "The value \"0.0001\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.")]
    [InlineData("'say \"hi\"'", "The value \"say \\\"hi\\\"\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.")]
    [InlineData("''", "The value \"\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.")]
    public async Task Check_2_the_value_must_be_valid(string value, string message)
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage(message, await harness.CliAsync($"feature set {Flag} {value} --actors --user=lulalala --random"));
    }

    [Theory]
    [InlineData("50")]
    [InlineData("0.001")]
    [InlineData("99.999")]
    public async Task Check_3_a_percentage_between_0_and_100_needs_actors_or_random(string value)
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage("One of `--actors` or `--random` must be set for percentage values.", await harness.CliAsync($"feature set {Flag} {value} --staging"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    public async Task Check_3_does_not_apply_to_0_and_100(string value)
    {
        await using var harness = await CommandHarness.StartAsync();
        Assert.True((await harness.CliAsync($"feature set {Flag} {value} --staging")).Ok);
    }

    [Theory]
    [InlineData("--actors --user=lulalala")]
    [InlineData("--actors --project=gitlab-org/gitlab")]
    [InlineData("--actors --group=gitlab-org")]
    [InlineData("--actors --feature-group=gitlab_team_members")]
    [InlineData("--actors --namespace=gitlab-org")]
    [InlineData("--actors --repository=gitlab-org/gitaly")]
    [InlineData("--random --user=lulalala")]
    public async Task Check_4_a_percentage_modifier_excludes_targets(string options)
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage(
            "`--actors` and `--random` cannot be set together with `--project`, `--group`, `--feature-group`, `--namespace`, `--user`, or `--repository`.",
            await harness.CliAsync($"feature set {Flag} 50 {options} --staging"));
    }

    [Fact]
    public async Task Check_5_random_is_deprecated_unless_forced()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage(
            "Time percentage feature flags are being deprecated in favor of using actors. If you understand the consequences, you can force it using --ignore-random-deprecation-check",
            await harness.CliAsync($"feature set {Flag} 50 --random --staging"));

        var forced = await harness.CliAsync($"feature set {Flag} 50 --random --ignore-random-deprecation-check --staging");
        Assert.True(forced.Ok, forced.ToPlainText());
        Assert.Equal(50_000, harness.State("staging", Flag)!.PercentageOfTime.Thousandths);
    }

    [Fact]
    public async Task Actors_and_random_together_are_refused_once_random_is_forced()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage(
            "`--actors` and `--random` cannot be set together: use `--actors` for a percentage of actors.",
            await harness.CliAsync($"feature set {Flag} 50 --actors --random --ignore-random-deprecation-check --staging"));
    }

    [Theory]
    [InlineData("general")]
    [InlineData("g_duo_chat")]
    [InlineData("")]
    public async Task Check_6_chat_changes_production_only_in_the_production_channel(string channel)
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.ChatAsync($"feature set {Flag} true", channel);
        AssertRefused("Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel.", result);
        Assert.Null(harness.State("production", Flag));
    }

    [Fact]
    public async Task Check_6_allows_other_environments_from_any_channel_and_production_from_the_configured_one()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:ChatOps:ProductionChannel"] = SlackRequests.ChannelId("prod-changes"),
            ["Vexil:ChatOps:ProductionChannelName"] = "#prod-changes",
        });

        Assert.True((await harness.ChatAsync($"feature set {Flag} true --staging", "g_duo_chat")).Ok);
        AssertRefused(
            "Unable to proceed because a production feature flag change may only be invoked in the #prod-changes Slack channel.",
            await harness.ChatAsync($"feature set {Flag} true", "production"));
        Assert.True((await harness.ChatAsync($"feature set {Flag} true", "prod-changes")).Ok);
    }

    [Fact]
    public async Task Check_6_does_not_apply_to_the_cli()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync($"feature set {Flag} true --staging");
        Assert.True((await harness.CliAsync($"feature set {Flag} true")).Ok);
    }

    [Fact]
    public async Task Production_users_when_configured_are_the_only_chat_users_who_may_change_production()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:ChatOps:ProductionUsers:0"] = SlackRequests.UserId("lulalala"),
            ["Vexil:ChatOps:ProductionUsers:1"] = SlackRequests.UserId("shinya.maeda"),
        });
        await harness.MustAsync($"feature set {Flag} true --staging");

        AssertRefused(
            "Unable to proceed because ck3g may not change feature flags on production from chat; ask someone listed in Vexil:ChatOps:ProductionUsers.",
            await harness.ChatAsync($"feature set {Flag} true", user: "ck3g"));
        Assert.True((await harness.ChatAsync($"feature set {Flag} true --staging-ref", user: "ck3g")).Ok);
        Assert.True((await harness.ChatAsync($"feature set {Flag} true", user: "lulalala")).Ok);
    }

    [Fact]
    public async Task Check_7_an_open_severe_incident_fails_the_production_check()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync($"feature set {Flag} true --staging");
        await harness.Incidents.OpenIncidentAsync("Database primary is down", 1, "sre", Cancel);

        var result = await harness.ChatAsync($"feature set {Flag} true");

        AssertRefused(
            "Unable to proceed due to production check failure. If you absolutely must change the state of this feature flag, please confirm with the current SRE oncall `@sre-oncall`, and use the --ignore-production-check option.\n" +
            "- Incident #1 (severity 1) is open: Database primary is down",
            result);
        Assert.Null(harness.State("production", Flag));
    }

    [Fact]
    public async Task Check_8_production_may_not_be_enabled_before_staging()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertRefused(
            "Unable to proceed due to inconsistent feature flag status. When the flag on production is turned on, staging should be on too. If you absolutely must change the state of this feature flag, please confirm with the current SRE oncall `@sre-oncall`, and use the --ignore-feature-flag-consistency-check.",
            await harness.ChatAsync($"feature set {Flag} true"));
    }

    [Fact]
    public async Task Get_without_a_name_shows_an_example_with_one_of_our_flags()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage("You must specify the name of the feature. For example: `feature get duo_chat_multi_thread`", await harness.CliAsync("feature get"));
        AssertUsage("You must specify the name of the feature. For example: `feature delete duo_chat_multi_thread`", await harness.CliAsync("feature delete --staging"));
    }

    [Fact]
    public async Task Get_of_an_unknown_flag_names_the_environment_read()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertRefused("The feature \"no_such_flag\" does not exist on staging.", await harness.CliAsync("feature get no_such_flag --gstg"));
        AssertRefused("The feature \"no_such_flag\" does not exist on production.", await harness.CliAsync("feature get no_such_flag"));
    }

    [Fact]
    public async Task An_unknown_subcommand_lists_the_subcommands()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage("The feature subcommand is invalid. The following subcommands are available: get, set, list, delete", await harness.ChatAsync("feature toggle x"));
    }

    [Theory]
    [InlineData("feature set Duo-Chat true --staging")]
    [InlineData("feature get Duo-Chat")]
    [InlineData("feature delete Duo-Chat --staging")]
    public async Task An_invalid_flag_name_is_refused_with_the_naming_rule(string text)
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertUsage(
            "Feature flag 'Duo-Chat' is invalid: a name must match ^[a-z0-9]+(_[a-z0-9]+)*$ (lowercase letters, digits and single underscores, e.g. 'duo_chat_multi_thread').",
            await harness.CliAsync(text));
    }

    [Fact]
    public async Task An_unknown_feature_group_is_refused_before_any_policy()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);
        AssertUsage(
            "Unknown feature group 'gitlab_team'. Registered feature groups: gitlab_team_members.",
            await harness.ChatAsync($"feature set --feature-group=gitlab_team {Flag} true"));
    }

    [Fact]
    public async Task A_gate_rule_refusal_comes_back_in_gitlabs_words()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.MustAsync($"feature set {Flag} true --staging");
        AssertRefused("Cannot enable percentage of actors for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of actors.", await harness.CliAsync($"feature set {Flag} 50 --actors --staging"));
    }

    [Fact]
    public async Task A_token_that_may_not_write_an_environment_is_refused_there()
    {
        await using var harness = await CommandHarness.StartAsync();
        AssertRefused(
            "Unable to proceed because the token 'ci-writer' may not change feature flags on production: use an admin token, or a write token scoped to production.",
            await harness.CliAsync($"feature set {Flag} true --ignore-feature-flag-consistency-check", CommandHarness.Writer));
        AssertRefused(
            "Unable to proceed because the token 'dashboard-reader' may not change feature flags on staging: use an admin token, or a write token scoped to staging.",
            await harness.CliAsync($"feature set {Flag} true --staging", CommandHarness.Reader));
        Assert.True((await harness.CliAsync($"feature set {Flag} true --staging", CommandHarness.Writer)).Ok);
        Assert.True((await harness.CliAsync($"feature set {Flag} true", CommandHarness.ProductionWriter)).Ok);
    }

    [Fact]
    public async Task A_cli_request_without_a_token_is_refused()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.Executor.ExecuteAsync(new CommandRequest($"feature set {Flag} true --staging", "cli"), null, Cancel);
        AssertRefused("Unable to proceed because the request carries no token: send one in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.", result);
    }

    [Fact]
    public async Task A_token_that_may_not_read_an_environment_is_refused_there_and_others_are_shown()
    {
        await using var harness = await CommandHarness.StartAsync();
        var stagingReader = new Vexil.Server.Auth.TokenPrincipal(9, "staging-reader", Vexil.Server.Storage.TokenKind.Read, ["staging"]);

        var result = await harness.CliAsync($"feature get {Flag} --staging --production", stagingReader);

        Assert.True(result.Ok);
        Assert.Equal(EnvironmentStatus.Shown, result.Environments[0].Status);
        Assert.Equal(EnvironmentStatus.Refused, result.Environments[1].Status);
        Assert.Equal(
            "Unable to proceed because the token 'staging-reader' may not read feature flags on production: use a token that includes production.",
            result.Environments[1].Message);
    }

    // ----- Order -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_checks_run_in_gitlabs_order()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.Incidents.OpenIncidentAsync("outage", 2, "sre", Cancel);
        var everything = "--user=lulalala --random";

        // Each line removes the cause of the previous refusal and gets the next one.
        AssertUsage(CommandMessages.NameAndValueRequired, await harness.ChatAsync($"feature set {Flag} {everything}", "general"));
        AssertUsage(CommandMessages.InvalidValue("150"), await harness.ChatAsync($"feature set {Flag} 150 {everything}", "general"));
        AssertUsage(CommandMessages.PercentageNeedsModifier, await harness.ChatAsync($"feature set {Flag} 50 --user=lulalala", "general"));
        AssertUsage(CommandMessages.ModifierExcludesTargets, await harness.ChatAsync($"feature set {Flag} 50 {everything}", "general"));
        AssertUsage(CommandMessages.RandomDeprecated, await harness.ChatAsync($"feature set {Flag} 50 --random", "general"));
        AssertRefused(CommandMessages.ProductionChannelOnly("production"), await harness.ChatAsync($"feature set {Flag} true", "general"));
        Assert.StartsWith(CommandMessages.ProductionCheckFailed, (await harness.ChatAsync($"feature set {Flag} true")).Headline, StringComparison.Ordinal);
        AssertRefused(CommandMessages.InconsistentStatus, await harness.ChatAsync($"feature set {Flag} true --ignore-production-check"));
        var done = await harness.ChatAsync($"feature set {Flag} true --ignore-production-check --ignore-feature-flag-consistency-check");
        Assert.True(done.Ok, done.ToPlainText());
        Assert.True(harness.State("production", Flag)!.Boolean);
    }

    [Fact]
    public async Task A_refused_channel_check_does_not_start_the_production_check()
    {
        var external = StubCheckHandler.Answering("""{"safe": true}""");
        await using var harness = await CommandHarness.StartAsync(
            new Dictionary<string, string?> { ["Vexil:ProductionCheck:Url"] = "https://checks.example.test/production" },
            external);
        var progress = new List<string>();

        await harness.ChatAsync($"feature set {Flag} true", "general", progress: (message, _) => { progress.Add(message); return ValueTask.CompletedTask; });

        Assert.Empty(external.Requests);
        Assert.Empty(progress);
    }

    [Fact]
    public async Task Nothing_is_written_when_any_check_refuses()
    {
        await using var harness = await CommandHarness.StartAsync();
        foreach (var text in new[]
        {
            $"feature set {Flag} 150 --staging",
            $"feature set {Flag} 50 --staging",
            $"feature set {Flag} true --ignore-production-check",
        })
        {
            await harness.ChatAsync(text, "general");
        }

        Assert.Empty(await harness.AuditAsync());
    }

    private static void AssertUsage(string message, CommandResult result)
    {
        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.Equal(2, result.ExitCode);
        Assert.False(result.Ok);
        Assert.Equal(message, result.Headline);
        Assert.Equal(message, result.ToPlainText());
    }

    private static void AssertRefused(string message, CommandResult result)
    {
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(message, result.Headline);
        Assert.Equal(message, result.ToPlainText());
    }
}
