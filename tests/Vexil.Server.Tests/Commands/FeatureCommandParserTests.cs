using Vexil.Server.Commands;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Environments;
using Xunit;

namespace Vexil.Server.Tests.Commands;

public sealed class FeatureCommandParserTests
{
    private const string GitLabEnvironments =
        "--dev, --pre, --staging-canary (--gstg-cny), --staging (--gstg), --staging-ref (--gstg-ref), --ops, --production-canary (--gprd-cny), --production (--gprd)";

    private static readonly FeatureCommandParser Parser = new(new EnvironmentCatalog(new EnvironmentOptions()));

    private static FeatureCommand Parse(string text)
    {
        var result = Parser.Parse(text);
        Assert.True(result.Error is null, result.Error);
        return result.Command!;
    }

    private static string Fail(string text)
    {
        var result = Parser.Parse(text);
        Assert.Null(result.Command);
        return result.Error!;
    }

    private static string[] Environments(FeatureCommand command) => command.Environments.Select(e => e.Name).ToArray();

    [Theory]
    [InlineData("/chatops run feature set duo_chat_multi_thread true")]
    [InlineData("run feature set duo_chat_multi_thread true")]
    [InlineData("feature set duo_chat_multi_thread true")]
    [InlineData("set duo_chat_multi_thread true")]
    [InlineData("/CHATOPS RUN Feature SET duo_chat_multi_thread true")]
    public void The_chatops_prefix_and_the_feature_keyword_are_optional(string text)
    {
        var command = Parse(text);
        Assert.Equal(FeatureSubcommand.Set, command.Subcommand);
        Assert.Equal("duo_chat_multi_thread", command.Name);
        Assert.Equal("true", command.Value);
    }

    [Fact]
    public void Another_chatops_command_is_not_ours()
    {
        Assert.Equal(
            "Unknown command \"deploy\": Vexil answers the `feature`, `auto_deploy status` and `release check` commands, e.g. `feature get duo_chat_multi_thread`; `feature --help` shows how.",
            Fail("/chatops run deploy status 1a2b3c"));
    }

    [Theory]
    [InlineData("feature set --user=lulalala duo_chat_multi_thread true")]
    [InlineData("feature set duo_chat_multi_thread --user lulalala true")]
    [InlineData("feature set duo_chat_multi_thread true --user=lulalala")]
    [InlineData("feature --user lulalala set duo_chat_multi_thread true")]
    public void Options_may_come_anywhere_as_opt_equals_value_or_opt_space_value(string text)
    {
        var command = Parse(text);
        Assert.Equal("duo_chat_multi_thread", command.Name);
        Assert.Equal("true", command.Value);
        Assert.Equal(["User:lulalala"], command.Targets.ActorIds);
    }

    [Fact]
    public void Target_options_take_comma_lists_repeat_and_become_flipper_ids()
    {
        var command = Parse(
            "feature set x true --project=gitlab-org/gitlab,gitlab-org/gitlab-foss,gitlab-com/www-gitlab-com --group=gitlab-org,gitlab-com " +
            "--user=lulalala --user=ck3g,lulalala --namespace=gitlab-org --repository=gitlab-org/gitaly --feature-group=gitlab_team_members");

        Assert.Equal(
            [
                "User:lulalala", "User:ck3g",
                "Project:gitlab-org/gitlab", "Project:gitlab-org/gitlab-foss", "Project:gitlab-com/www-gitlab-com",
                "Group:gitlab-org", "Group:gitlab-com",
                "Namespace:gitlab-org",
                "Repository:gitlab-org/gitaly",
            ],
            command.Targets.ActorIds);
        Assert.Equal(["gitlab_team_members"], command.Targets.FeatureGroups);
    }

    [Theory]
    [InlineData("feature set x true --user=lulalala,,ck3g", "user", "lulalala")]
    [InlineData("feature set x true --project=gitlab-org/gitlab,", "project", "gitlab-org/gitlab")]
    [InlineData("feature set x true --group ',gitlab-org'", "group", "gitlab-org")]
    [InlineData("feature set x true --user 'lulalala, ,ck3g'", "user", "lulalala")]
    public void An_empty_name_in_a_comma_list_is_refused_not_dropped(string text, string option, string example) =>
        Assert.Equal($"`--{option}` has an empty name in its list: remove the extra comma, e.g. `--{option}={example},{example}2`.", Fail(text));

    [Fact]
    public void At_most_1000_targets_per_command_as_the_gitlab_api()
    {
        var users = string.Join(',', Enumerable.Range(1, 700).Select(i => $"u{i}"));
        var projects = string.Join(',', Enumerable.Range(1, 300).Select(i => $"p{i}"));
        Assert.Equal(1000, Parse($"feature set x true --user={users} --project={projects}").Targets.ActorIds.Count);

        Assert.Equal(
            "Too many targets (1001): name at most 1000 users, projects, groups, namespaces and repositories in one change; split it into several.",
            Fail($"feature set x true --user={users} --project={projects} --group=g1"));
    }

    [Fact]
    public void A_comma_list_with_a_space_after_the_comma_is_still_one_list_when_quoted()
    {
        var command = Parse("feature set x true --project 'gitlab-org/gitlab, gitlab-org/gitlab-foss'");
        Assert.Equal(["Project:gitlab-org/gitlab", "Project:gitlab-org/gitlab-foss"], command.Targets.ActorIds);
    }

    [Fact]
    public void Backticks_around_the_name_are_stripped()
    {
        Assert.Equal("duo_chat_multi_thread", Parse("feature get `duo_chat_multi_thread`").Name);
        Assert.Equal("duo_chat_multi_thread", Parse("feature set ```duo_chat_multi_thread``` true").Name);
    }

    [Fact]
    public void Without_an_environment_switch_the_command_is_for_production()
    {
        var command = Parse("feature set x true");
        Assert.Equal(["production"], Environments(command));
        Assert.False(command.EnvironmentsNamed);
    }

    [Fact]
    public void Environment_switches_and_aliases_run_in_configured_order_once_each()
    {
        var command = Parse("feature set x 50 --actors --production --staging-ref --gstg --dev --gprd-cny --staging --pre --ops --gprd --gstg-cny");
        Assert.Equal(["dev", "pre", "staging-canary", "staging", "staging-ref", "ops", "production-canary", "production"], Environments(command));
        Assert.True(command.EnvironmentsNamed);
    }

    [Fact]
    public void Environment_switches_come_from_the_configured_environments()
    {
        var parser = new FeatureCommandParser(new EnvironmentCatalog(new EnvironmentOptions
        {
            Environments =
            [
                new EnvironmentDefinition { Name = "qa" },
                new EnvironmentDefinition { Name = "live", Aliases = ["prod"], Protected = true },
            ],
            DefaultEnvironment = "live",
        }));

        Assert.Equal(["qa", "live"], parser.Parse("feature get x --prod --qa").Command!.Environments.Select(e => e.Name));
        Assert.Equal(["live"], parser.Parse("feature get x").Command!.Environments.Select(e => e.Name));
        Assert.Equal(
            "Unknown option `--staging`. Environments: --qa, --live (--prod). `feature --help` lists every option.",
            parser.Parse("feature get x --staging").Error);
    }

    [Fact]
    public void An_environment_named_like_an_option_is_a_configuration_error()
    {
        var catalog = new EnvironmentCatalog(new EnvironmentOptions
        {
            Environments = [new EnvironmentDefinition { Name = "production", Aliases = ["user"], Protected = true }],
        });

        var error = Assert.Throws<InvalidOperationException>(() => new FeatureCommandParser(catalog));
        Assert.Equal("Environment name or alias 'user' is also an option of the feature command (--user); rename it in Vexil:Environments.", error.Message);
    }

    [Fact]
    public void An_unknown_option_is_named_with_a_suggestion_and_the_environments()
    {
        Assert.Equal(
            $"Unknown option `--stagin`. Did you mean `--staging`? Environments: {GitLabEnvironments}. `feature --help` lists every option.",
            Fail("feature set x true --stagin"));
        Assert.Equal(
            $"Unknown option `--canary`. Environments: {GitLabEnvironments}. `feature --help` lists every option.",
            Fail("feature set x true --canary"));
        Assert.Equal(
            $"Unknown option `--actor`. Did you mean `--actors`? Environments: {GitLabEnvironments}. `feature --help` lists every option.",
            Fail("feature set x 50 --actor"));
        Assert.Equal(
            $"Unknown option `-x`. Environments: {GitLabEnvironments}. `feature --help` lists every option.",
            Fail("feature set x true -x"));
    }

    [Fact]
    public void An_unknown_option_with_control_characters_is_echoed_safely()
    {
        var error = Fail("feature set x true --bad\u0007\u001bname");
        Assert.Contains("`--bad??name`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Switches_and_environments_take_no_value()
    {
        Assert.Equal("`--actors` takes no value: write `--actors` on its own.", Fail("feature set x 50 --actors=true"));
        Assert.Equal("`--staging` is an environment and takes no value: write `--staging` on its own.", Fail("feature set x true --staging=yes"));
    }

    [Theory]
    [InlineData("feature set x true --user", "`--user` needs a value, e.g. `--user=lulalala` (a comma list for several).")]
    [InlineData("feature set x true --user --actors", "`--user` needs a value, e.g. `--user=lulalala` (a comma list for several).")]
    [InlineData("feature set x true --project=,", "`--project` needs a value, e.g. `--project=gitlab-org/gitlab` (a comma list for several).")]
    [InlineData("feature set x true --feature-group=", "`--feature-group` needs a value, e.g. `--feature-group=gitlab_team_members` (a comma list for several).")]
    [InlineData("feature list --match", "`--match` needs the text to look for, e.g. `--match=duo`.")]
    public void A_valued_option_without_a_value_says_what_to_write(string text, string message)
    {
        Assert.Equal(message, Fail(text));
    }

    [Theory]
    [InlineData("feature get x --actors", "`--actors` does not apply to `feature get`; `feature --help` shows the options of each subcommand.")]
    [InlineData("feature set x true --match=duo", "`--match` does not apply to `feature set`; `feature --help` shows the options of each subcommand.")]
    [InlineData("feature delete x --user=lulalala", "`--user` does not apply to `feature delete`; `feature --help` shows the options of each subcommand.")]
    [InlineData("feature list --ignore-production-check", "`--ignore-production-check` does not apply to `feature list`; `feature --help` shows the options of each subcommand.")]
    public void An_option_of_another_subcommand_is_refused(string text, string message)
    {
        Assert.Equal(message, Fail(text));
    }

    [Theory]
    [InlineData("feature set x true false", "Unexpected argument \"false\": `feature set NAME VALUE` takes one name and one value; quote a name or value that contains spaces.")]
    [InlineData("feature get x y", "Unexpected argument \"y\": `feature get NAME` takes one name.")]
    [InlineData("feature delete x y", "Unexpected argument \"y\": `feature delete NAME` takes one name.")]
    [InlineData("feature list duo", "Unexpected argument \"duo\": `feature list` takes no name; to filter, use `--match TEXT`.")]
    public void Extra_arguments_are_refused(string text, string message)
    {
        Assert.Equal(message, Fail(text));
    }

    [Theory]
    [InlineData("feature --help")]
    [InlineData("feature help")]
    [InlineData("feature set --help")]
    [InlineData("feature -h")]
    [InlineData("--help")]
    [InlineData("feature set x true --bogus --help")]
    public void Help_is_asked_in_several_ways(string text)
    {
        Assert.Equal(FeatureSubcommand.Help, Parse(text).Subcommand);
    }

    [Theory]
    [InlineData("feature")]
    [InlineData("feature sett x true")]
    [InlineData("feature enable x")]
    [InlineData("feature --staging")]
    [InlineData("feature --bogus")]
    public void An_invalid_or_missing_subcommand_gets_gitlabs_message(string text)
    {
        Assert.Equal("The feature subcommand is invalid. The following subcommands are available: get, set, list, delete", Fail(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/chatops run")]
    [InlineData("run")]
    public void Nothing_to_run_says_what_to_send(string text)
    {
        Assert.Equal("Send a command such as `feature get duo_chat_multi_thread`; `feature --help` lists them all.", Fail(text));
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused_without_parsing()
    {
        var text = "feature get " + new string('a', FeatureCommandParser.MaxTextLength);
        Assert.Equal($"The command is {text.Length} characters long; send at most {FeatureCommandParser.MaxTextLength}.", Fail(text));
    }

    [Fact]
    public void A_double_dash_ends_the_options_and_quoted_words_are_values()
    {
        Assert.Equal("--actors", Parse("feature set x '--actors'").Value);
        var command = Parse("feature set --staging -- x --actors");
        Assert.Equal("--actors", command.Value);
        Assert.False(command.Actors);
    }

    [Fact]
    public void Dashes_turned_into_em_or_en_dashes_by_chat_clients_are_read_as_double_dashes()
    {
        var command = Parse("feature set x 50 \u2014actors \u2013staging");
        Assert.True(command.Actors);
        Assert.Equal(["staging"], Environments(command));
    }

    [Fact]
    public void Subcommands_and_options_are_case_insensitive()
    {
        var command = Parse("feature SET x true --STAGING --Ignore-Production-Check");
        Assert.Equal(FeatureSubcommand.Set, command.Subcommand);
        Assert.Equal(["staging"], Environments(command));
        Assert.True(command.IgnoreProductionCheck);
    }

    [Fact]
    public void Negative_numbers_are_values_not_options()
    {
        Assert.Equal("-5", Parse("feature set x -5").Value);
    }

    [Fact]
    public void Every_override_and_modifier_is_read()
    {
        var command = Parse("feature set x 5 --random --ignore-production-check --ignore-feature-flag-consistency-check --ignore-random-deprecation-check");
        Assert.True(command.Random);
        Assert.False(command.Actors);
        Assert.True(command.IgnoreProductionCheck);
        Assert.True(command.IgnoreConsistencyCheck);
        Assert.True(command.IgnoreRandomDeprecationCheck);
    }

    [Fact]
    public void List_reads_match_and_environments()
    {
        var command = Parse("feature list --match duo --staging");
        Assert.Equal(FeatureSubcommand.List, command.Subcommand);
        Assert.Equal("duo", command.Match);
        Assert.Equal(["staging"], Environments(command));
    }

    [Fact]
    public void Help_lists_the_configured_environment_switches()
    {
        var help = HelpText.Build(Parser.EnvironmentList, Parser.DefaultEnvironment.Name);
        Assert.Contains(GitLabEnvironments, help, StringComparison.Ordinal);
        Assert.Contains("ENVIRONMENTS (default production", help, StringComparison.Ordinal);
    }
}
