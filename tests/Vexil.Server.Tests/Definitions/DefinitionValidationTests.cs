using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>
/// Each rule a definition file must follow, with GitLab's wording (lib/feature/definition.rb) checked word for word
/// and the advice that follows it checked loosely.
/// </summary>
public sealed class DefinitionValidationTests : IDisposable
{
    private const string TypeList = "gitlab_com_derisk, wip, beta, ops, experiment, worker, undefined";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_valid_definition_loads_with_every_field()
    {
        var path = folder.WriteValid("duo_chat_multi_thread");

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        var definition = Assert.Single(catalog.Definitions);
        Assert.Equal("duo_chat_multi_thread", definition.Name);
        Assert.Same(DefinitionType.Beta, definition.Type);
        Assert.False(definition.DefaultEnabled);
        Assert.Equal("17.9", definition.Milestone);
        Assert.Equal("group::duo chat", definition.Group);
        Assert.Equal("https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977", definition.IntroducedByUrl);
        Assert.Equal("https://gitlab.com/groups/gitlab-org/-/epics/16108", definition.FeatureIssueUrl);
        Assert.Equal("https://gitlab.com/gitlab-org/gitlab/-/issues/511234", definition.RolloutIssueUrl);
        Assert.Null(definition.LogStateChanges);
        Assert.Equal(path, definition.SourcePath);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("''")]
    [InlineData("")]
    [InlineData("~")]
    public void A_missing_or_blank_name_is_reported(string? nameValue)
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("ignored", "beta", ("name", nameValue)));

        var problem = SingleProblem(path);

        Assert.StartsWith("Feature flag is missing name.", problem);
        Assert.Contains("`name: my_flag`", problem);
    }

    [Theory]
    [InlineData("Duo_chat")]
    [InlineData("duo-chat")]
    [InlineData("duo__chat")]
    [InlineData("_duo_chat")]
    [InlineData("duo_chat_")]
    [InlineData("duo chat")]
    public void A_name_breaking_the_pattern_is_invalid(string name)
    {
        var path = folder.Write($"beta/{name}.yml", DefinitionYaml.With(name, "beta", ("name", $"'{name}'")));

        var problem = SingleProblem(path);

        Assert.StartsWith($"Feature flag '{name}' is invalid", problem);
        Assert.Contains("^[a-z0-9]+(_[a-z0-9]+)*$", problem);
    }

    [Fact]
    public void A_name_that_is_not_text_must_be_quoted()
    {
        var path = folder.Write("beta/2024.yml", DefinitionYaml.With("2024", "beta"));

        var problem = SingleProblem(path);

        Assert.Equal("Feature flag name must be a string, not the number 2024; quote it: `name: '2024'`.", problem);
    }

    [Fact]
    public void A_missing_type_is_reported_with_the_valid_types()
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("type", null)));

        var problem = SingleProblem(path);

        Assert.Equal($"Feature flag 'my_flag' is missing `type`. Add `type:` with one of: {TypeList}.", problem);
    }

    [Fact]
    public void An_unknown_type_is_invalid_and_the_valid_types_are_listed()
    {
        var path = folder.Write("feature/my_flag.yml", DefinitionYaml.With("my_flag", "feature"));

        var problem = SingleProblem(path);

        Assert.Equal($"Feature flag 'my_flag' type 'feature' is invalid. Valid types are: {TypeList}.", problem);
    }

    [Fact]
    public void The_retired_development_type_is_invalid_with_a_hint()
    {
        var path = folder.Write("development/my_flag.yml", DefinitionYaml.With("my_flag", "development"));

        var problem = SingleProblem(path);

        Assert.StartsWith($"Feature flag 'my_flag' type 'development' is invalid. Valid types are: {TypeList}.", problem);
        Assert.Contains("use gitlab_com_derisk, wip or beta instead", problem);
    }

    [Fact]
    public void Types_are_case_sensitive()
    {
        var path = folder.Write("Beta/my_flag.yml", DefinitionYaml.With("my_flag", "Beta"));

        Assert.StartsWith("Feature flag 'my_flag' type 'Beta' is invalid.", SingleProblem(path));
    }

    [Fact]
    public void A_file_not_named_after_its_flag_has_an_invalid_path()
    {
        var path = folder.Write("beta/other_name.yml", DefinitionYaml.Valid("my_flag"));

        var problem = SingleProblem(path);

        Assert.StartsWith($"Feature flag 'my_flag' has an invalid path: '{folder.Shown(path)}'.", problem);
        Assert.Contains("rename it to 'my_flag.yml'", problem);
    }

    [Fact]
    public void A_file_in_the_folder_of_another_type_has_an_invalid_path()
    {
        var path = folder.Write("wip/my_flag.yml", DefinitionYaml.Valid("my_flag", "beta"));

        var problem = SingleProblem(path);

        Assert.StartsWith($"Feature flag 'my_flag' has an invalid path: '{folder.Shown(path)}'.", problem);
        Assert.Contains($"move it to 'beta/my_flag.yml'", problem);
    }

    [Fact]
    public void A_file_outside_any_type_folder_has_an_invalid_path()
    {
        var path = folder.Write("my_flag.yml", DefinitionYaml.Valid("my_flag", "beta"));

        Assert.StartsWith($"Feature flag 'my_flag' has an invalid path: '{folder.Shown(path)}'.", SingleProblem(path));
    }

    [Fact]
    public void A_yaml_extension_has_an_invalid_path_because_gitlab_reads_only_yml()
    {
        var path = folder.Write("beta/my_flag.yaml", DefinitionYaml.Valid("my_flag", "beta"));

        var problem = SingleProblem(path);

        Assert.StartsWith($"Feature flag 'my_flag' has an invalid path: '{folder.Shown(path)}'.", problem);
        Assert.Contains("rename it to 'my_flag.yml'", problem);
    }

    [Theory]
    [InlineData("17.9", "the number 17.9")]
    [InlineData("17.10", "the number 17.10")]
    [InlineData("17", "the number 17")]
    [InlineData("[17, 9]", "a list")]
    public void A_milestone_that_is_not_a_string_is_reported(string milestone, string described)
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("milestone", milestone)));

        var problem = SingleProblem(path);

        Assert.StartsWith("Feature flag 'my_flag' milestone must be a string.", problem);
        Assert.Contains(described, problem);
    }

    [Fact]
    public void An_unquoted_milestone_gets_the_quoted_form_as_advice()
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("milestone", "17.9")));

        Assert.Equal(
            "Feature flag 'my_flag' milestone must be a string. YAML reads an unquoted 17.9 as the number 17.9: quote it, `milestone: '17.9'`.",
            SingleProblem(path));
    }

    [Theory]
    [InlineData("'17.9'")]
    [InlineData("\"17.9\"")]
    [InlineData("!!str 17.9")]
    [InlineData("v17.9")]
    public void A_quoted_or_textual_milestone_is_fine(string milestone)
    {
        folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("milestone", milestone)));

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        Assert.True(catalog.TryGet("my_flag", out var definition));
        Assert.Equal(milestone.Trim('\'', '"').Replace("!!str ", string.Empty, StringComparison.Ordinal), definition.Milestone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("~")]
    public void A_missing_default_enabled_is_reported(string? value)
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("default_enabled", value)));

        var problem = SingleProblem(path);

        Assert.StartsWith("Feature flag 'my_flag' is missing `default_enabled`.", problem);
        Assert.Contains("`default_enabled: false`", problem);
    }

    [Theory]
    [InlineData("'false'", "the string 'false'")]
    [InlineData("1", "the number 1")]
    [InlineData("disabled", "the string 'disabled'")]
    [InlineData("{ value: false }", "a mapping")]
    public void A_default_enabled_that_is_not_a_boolean_is_reported(string value, string described)
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("default_enabled", value)));

        var problem = SingleProblem(path);

        Assert.StartsWith($"Feature flag 'my_flag' default_enabled must be a boolean, not {described}.", problem);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_follow_yaml_1_1_as_ruby_reads_them(string value, bool expected)
    {
        folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", ("default_enabled", value)));

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        Assert.Equal(expected, catalog.DefaultsByName["my_flag"]);
    }

    [Theory]
    [InlineData("gitlab_com_derisk")]
    [InlineData("wip")]
    [InlineData("experiment")]
    [InlineData("worker")]
    [InlineData("undefined")]
    public void Types_that_must_start_off_cannot_default_to_true(string type)
    {
        var path = folder.WriteValid("my_flag", type, defaultEnabled: true);

        var problem = SingleProblem(path);

        Assert.StartsWith("Feature flag 'my_flag' cannot have `default_enabled` set to `true`.", problem);
        Assert.Contains("beta or ops", problem);
    }

    [Theory]
    [InlineData("beta")]
    [InlineData("ops")]
    public void Beta_and_ops_flags_may_default_to_true(string type)
    {
        folder.WriteValid("my_flag", type, defaultEnabled: true);

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        Assert.True(catalog.DefaultsByName["my_flag"]);
    }

    [Theory]
    [InlineData("introduced_by_url")]
    [InlineData("milestone")]
    [InlineData("group")]
    public void Other_required_fields_are_reported_when_missing(string field)
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", (field, null)));

        Assert.StartsWith($"Feature flag 'my_flag' is missing `{field}`.", SingleProblem(path));
    }

    [Theory]
    [InlineData("group", "{ name: duo chat }", "Feature flag 'my_flag' group must be a string, not a mapping.")]
    [InlineData("group", "[duo, chat]", "Feature flag 'my_flag' group must be a string, not a list.")]
    [InlineData("introduced_by_url", "42", "Feature flag 'my_flag' introduced_by_url must be a string, not the number 42.")]
    [InlineData("feature_issue_url", "true", "Feature flag 'my_flag' feature_issue_url must be a string, not the boolean true.")]
    [InlineData("rollout_issue_url", "2025-01-31", "Feature flag 'my_flag' rollout_issue_url must be a string, not the date 2025-01-31.")]
    [InlineData("log_state_changes", "'yes'", "Feature flag 'my_flag' log_state_changes must be a boolean, not the string 'yes'.")]
    [InlineData("type", "[beta]", "Feature flag 'my_flag' type must be a string, not a list.")]
    public void Fields_of_the_wrong_kind_are_reported(string field, string value, string expectedStart)
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With("my_flag", "beta", (field, value)));

        Assert.StartsWith(expectedStart, SingleProblem(path));
    }

    [Fact]
    public void Optional_fields_may_be_left_empty_as_gitlabs_generator_writes_them()
    {
        folder.Write("beta/my_flag.yml", DefinitionYaml.With(
            "my_flag", "beta", ("feature_issue_url", string.Empty), ("rollout_issue_url", "~"), ("log_state_changes", "true")));

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        var definition = catalog.ByName["my_flag"];
        Assert.Null(definition.FeatureIssueUrl);
        Assert.Null(definition.RolloutIssueUrl);
        Assert.True(definition.LogStateChanges);
    }

    [Fact]
    public void Unknown_fields_are_named()
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With(
            "my_flag", "beta", ("owner", "someone"), ("default_enabeld", "false")));

        var problem = SingleProblem(path);

        Assert.StartsWith("Feature flag 'my_flag' has unknown fields: `owner`, `default_enabeld`.", problem);
        Assert.Contains("name, feature_issue_url, introduced_by_url, rollout_issue_url, milestone, log_state_changes, type, group, default_enabled", problem);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_and_each_names_the_file()
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.With(
            "my_flag", "beta", ("milestone", "17.9"), ("group", null), ("color", "blue")));

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Equal(0, catalog.Count);
        Assert.Collection(
            catalog.Errors,
            error => Assert.StartsWith($"Invalid definition for `{folder.Shown(path)}`: Feature flag 'my_flag' milestone must be a string.", error.Message),
            error => Assert.StartsWith($"Invalid definition for `{folder.Shown(path)}`: Feature flag 'my_flag' is missing `group`.", error.Message),
            error => Assert.StartsWith($"Invalid definition for `{folder.Shown(path)}`: Feature flag 'my_flag' has an unknown field: `color`.", error.Message));
        Assert.All(catalog.Errors, error => Assert.Equal(path, error.FullPath));
    }

    /// <summary>Loads the temp folder, expects exactly one error, for <paramref name="path"/>, and returns it without GitLab's wrapper.</summary>
    private string SingleProblem(string path)
    {
        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Equal(0, catalog.Count);
        var error = Assert.Single(catalog.Errors);
        Assert.Equal(path, error.FullPath);
        Assert.Equal(folder.Shown(path), error.Path);
        var prefix = $"Invalid definition for `{folder.Shown(path)}`: ";
        Assert.StartsWith(prefix, error.Message);
        return error.Message[prefix.Length..];
    }
}
