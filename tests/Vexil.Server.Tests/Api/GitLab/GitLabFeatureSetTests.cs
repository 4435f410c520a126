using System.Net;
using System.Text.Json;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>The rules of GitLab's Admin::SetFeatureFlagService, through <c>POST /api/v4/features/:name</c>.</summary>
public sealed class GitLabFeatureSetTests(GitLabApiFactory factory) : IClassFixture<GitLabApiFactory>
{
    [Theory]
    [InlineData("true")]
    [InlineData("100")]
    [InlineData("100.0")]
    public async Task Enabling_values_turn_the_boolean_gate_on(string value)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var feature = await api.SetAsync(flag, ("value", value));
        Assert.Equal(flag, feature.GetProperty("name").GetString());
        Assert.Equal("on", feature.GetProperty("state").GetString());
        Assert.Equal(["boolean"], GitLabTestClient.GateKeys(feature));
        Assert.True(GitLabTestClient.Gate(feature, "boolean")!.Value.GetBoolean());
    }

    [Fact]
    public async Task One_hundred_with_percentage_of_actors_key_enables_the_flag_as_gitlab_does()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var feature = await api.SetAsync(flag, ("value", "100"), ("key", "percentage_of_actors"));
        Assert.Equal("on", feature.GetProperty("state").GetString());
        Assert.Null(GitLabTestClient.Gate(feature, "percentage_of_actors"));
    }

    [Theory]
    [InlineData("false", null)]
    [InlineData("0", null)]
    [InlineData("0.0", null)]
    [InlineData("0", "percentage_of_actors")]
    [InlineData("false", "percentage_of_time")]
    public async Task Disabling_values_clear_every_gate_and_keep_the_flag(string value, string? key)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "25"), ("key", "percentage_of_actors"));
        await api.SetAsync(flag, ("user", "alice"), ("value", "true"));

        var fields = key is null ? new[] { ("value", value) } : [("value", value), ("key", key)];
        var feature = await api.SetAsync(flag, fields);

        Assert.Equal("off", feature.GetProperty("state").GetString());
        Assert.Equal(["boolean"], GitLabTestClient.GateKeys(feature));
        Assert.False(GitLabTestClient.Gate(feature, "boolean")!.Value.GetBoolean());
        Assert.NotNull(await api.FeatureAsync(flag)); // still persisted
    }

    [Theory]
    [InlineData("25", "percentage_of_actors", "percentage_of_actors", "25")]
    [InlineData("0.5", "percentage_of_actors", "percentage_of_actors", "0.5")]
    [InlineData("2.007", "percentage_of_actors", "percentage_of_actors", "2.007")]
    [InlineData("50", null, "percentage_of_time", "50")]
    [InlineData("0.5", "percentage_of_time", "percentage_of_time", "0.5")]
    public async Task Numbers_set_a_percentage_gate_shown_as_a_json_number(string value, string? key, string gate, string expected)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var fields = key is null ? new[] { ("value", value) } : [("value", value), ("key", key)];
        var feature = await api.SetAsync(flag, fields);

        Assert.Equal("conditional", feature.GetProperty("state").GetString());
        Assert.Equal(["boolean", gate], GitLabTestClient.GateKeys(feature));
        var number = GitLabTestClient.Gate(feature, gate)!.Value;
        Assert.Equal(JsonValueKind.Number, number.ValueKind);
        Assert.Equal(expected, number.GetRawText());
    }

    [Fact]
    public async Task Targets_enable_actors_of_each_kind_and_a_feature_group()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var feature = await api.SetAsync(
            flag,
            ("value", "true"),
            ("user", "alice, bob"),
            ("project", "gitlab-org/gitlab"),
            ("group", "gitlab-org"),
            ("namespace", "john-doe"),
            ("repository", "gitlab-org/gitlab-test.git"),
            ("feature_group", "gitlab_team_members"));

        Assert.Equal("conditional", feature.GetProperty("state").GetString());
        Assert.Equal(["boolean", "actors", "groups"], GitLabTestClient.GateKeys(feature));
        Assert.Equal(
            ["Group:gitlab-org", "Namespace:john-doe", "Project:gitlab-org/gitlab", "Repository:gitlab-org/gitlab-test.git", "User:alice", "User:bob"],
            GitLabTestClient.Members(feature, "actors"));
        Assert.Equal(["gitlab_team_members"], GitLabTestClient.Members(feature, "groups"));
        Assert.False(GitLabTestClient.Gate(feature, "boolean")!.Value.GetBoolean());
    }

    [Fact]
    public async Task Disabling_for_targets_removes_only_those_targets()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "true"), ("user", "alice,bob,carol"), ("feature_group", "gitlab_team_members"));
        var feature = await api.SetAsync(flag, ("value", "false"), ("user", "alice,carol"), ("feature_group", "gitlab_team_members"));
        Assert.Equal(["User:bob"], GitLabTestClient.Members(feature, "actors"));
        Assert.Empty(GitLabTestClient.Members(feature, "groups"));
        Assert.Equal("conditional", feature.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Gates_are_listed_in_flippers_order()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "true"), ("feature_group", "gitlab_team_members"));
        await api.SetAsync(flag, ("value", "10"), ("key", "percentage_of_actors"));
        await api.SetAsync(flag, ("value", "5"), ("key", "percentage_of_time"));
        var feature = await api.SetAsync(flag, ("value", "true"), ("user", "alice"));
        Assert.Equal(["boolean", "actors", "percentage_of_actors", "percentage_of_time", "groups"], GitLabTestClient.GateKeys(feature));
    }

    [Fact]
    public async Task Opt_out_blocks_enabling_until_removed()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var optedOut = await api.SetAsync(flag, ("value", "opt_out"), ("user", "alice"));
        Assert.Equal(["User:alice:opt_out"], GitLabTestClient.Members(optedOut, "actors"));

        var before = await factory.AuditCountAsync(flag);
        Assert.Equal(
            "400 Bad request - Opt-out exists for User:alice - remove opt-out before enabling",
            await api.RefusedAsync(flag, ("value", "true"), ("user", "alice")));
        Assert.Equal(before, await factory.AuditCountAsync(flag));

        var removed = await api.SetAsync(flag, ("value", "remove_opt_out"), ("user", "alice"));
        Assert.Empty(GitLabTestClient.Members(removed, "actors"));
        var enabled = await api.SetAsync(flag, ("value", "true"), ("user", "alice"));
        Assert.Equal(["User:alice"], GitLabTestClient.Members(enabled, "actors"));
    }

    [Fact]
    public async Task Removing_an_opt_out_that_does_not_exist_is_refused()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        Assert.Equal(
            "400 Bad request - No opt-out exists for Project:gitlab-org/gitlab",
            await api.RefusedAsync(flag, ("value", "remove_opt_out"), ("project", "gitlab-org/gitlab")));
        Assert.Null(await api.FeatureAsync(flag));
    }

    [Fact]
    public async Task A_refusal_on_a_later_target_writes_nothing_for_the_earlier_ones()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "opt_out"), ("user", "bob"));
        var before = await factory.AuditCountAsync();

        var message = await api.RefusedAsync(flag, ("value", "true"), ("user", "alice,bob"), ("project", "gitlab-org/gitlab"));

        Assert.Equal("400 Bad request - Opt-out exists for User:bob - remove opt-out before enabling", message);
        Assert.Equal(before, await factory.AuditCountAsync());
        var feature = await api.FeatureAsync(flag);
        Assert.Equal(["User:bob:opt_out"], GitLabTestClient.Members(feature!.Value, "actors"));
    }

    [Fact]
    public async Task One_request_with_many_targets_is_one_audit_event()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var before = await factory.AuditCountAsync(flag);
        await api.SetAsync(flag, ("value", "true"), ("user", "a,b,c"), ("project", "p/q"), ("feature_group", "gitlab_team_members"));
        Assert.Equal(before + 1, await factory.AuditCountAsync(flag));

        var audit = await factory.LastAuditEventAsync(flag);
        Assert.Equal("test-admin", audit.User);
        Assert.Equal("api", audit.Via);
        Assert.Equal("set", audit.Action);
        Assert.Equal("production", audit.Environment);
        Assert.False(string.IsNullOrEmpty(audit.RequestId));
        Assert.Equal($"Feature flag '{flag}' has been set to 'true' on production", audit.Title);
        Assert.Equal("a,b,c", audit.Details["user"]);
    }

    [Theory]
    [InlineData("abc", null, "Cannot set '{0}' to \"abc\"")]
    [InlineData("opt_out", null, "Cannot set '{0}' to \"opt_out\"")]
    [InlineData("", null, "Cannot set '{0}' to \"\"")]
    [InlineData("-5", null, "Cannot set '{0}' to \"-5\"")]
    [InlineData("1e2", null, "Cannot set '{0}' to \"1e2\"")]
    [InlineData("a\"b\n", null, "Cannot set '{0}' to \"a\\\"b\\n\"")]
    [InlineData("50", "percentage_of_everyone", "Cannot set '{0}' (\"percentage_of_everyone\") to \"50\"")]
    [InlineData("abc", "percentage_of_actors", "Not a percentage")]
    [InlineData("abc", "percentage_of_time", "Not a percentage")]
    public async Task Values_gitlab_cannot_apply_are_refused_with_its_message(string value, string? key, string expected)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var fields = key is null ? new[] { ("value", value) } : [("value", value), ("key", key)];
        Assert.Equal("400 Bad request - " + string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, flag), await api.RefusedAsync(flag, fields));
        Assert.Null(await api.FeatureAsync(flag));
    }

    [Theory]
    [InlineData("50")]
    [InlineData("abc")]
    public async Task Values_gitlab_cannot_apply_to_a_target_name_the_target(string value)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        Assert.Equal(
            $"400 Bad request - Cannot set '{flag}' to \"{value}\" for User:alice",
            await api.RefusedAsync(flag, ("value", value), ("user", "alice,bob")));
    }

    [Fact]
    public async Task Opt_out_of_a_feature_group_is_refused()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var message = await api.RefusedAsync(flag, ("value", "opt_out"), ("feature_group", "gitlab_team_members"));
        Assert.StartsWith($"400 Bad request - Cannot set '{flag}' to \"opt_out\" for feature group gitlab_team_members", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("feature_group")]
    [InlineData("project")]
    [InlineData("group")]
    [InlineData("namespace")]
    [InlineData("repository")]
    public async Task Key_with_a_target_is_refused_as_mutually_exclusive(string target)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        Assert.Equal(
            $"key, {target} are mutually exclusive",
            await api.RefusedAsync(flag, ("value", "true"), ("key", "percentage_of_actors"), (target, "gitlab_team_members")));
    }

    [Fact]
    public async Task Several_parameter_problems_are_reported_together()
    {
        using var api = factory.Client();
        Assert.Equal(
            "value is missing, key, feature_group are mutually exclusive, key, project are mutually exclusive, force is invalid",
            await api.RefusedAsync(GitLabApiFactory.NewFlag(), ("key", "x"), ("project", "a/b"), ("feature_group", "g"), ("force", "maybe")));
    }

    [Fact]
    public async Task Value_is_required()
    {
        using var api = factory.Client();
        Assert.Equal("value is missing", await api.RefusedAsync(GitLabApiFactory.NewFlag(), ("user", "alice")));
    }

    [Theory]
    [InlineData("percentage_of_actors", "Cannot enable percentage of actors for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of actors.")]
    [InlineData("percentage_of_time", "Cannot enable percentage of time for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of time.")]
    public async Task Percentages_on_a_fully_enabled_flag_are_refused(string key, string expected)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "true"));
        Assert.Equal("400 Bad request - " + expected, await api.RefusedAsync(flag, ("value", "25"), ("key", key)));
        Assert.Equal("on", (await api.FeatureAsync(flag))!.Value.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("150", "Percentage '150' is above 100: send a number from 0 to 100.")]
    [InlineData("0.1234", "Percentage '0.1234' has more than 3 decimals: round it to at most 3, e.g. 0.125.")]
    [InlineData("100.5", "Percentage '100.5' is above 100: send a number from 0 to 100.")]
    public async Task Percentages_out_of_range_are_refused(string value, string expected)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        Assert.Equal("400 Bad request - " + expected, await api.RefusedAsync(flag, ("value", value), ("key", "percentage_of_actors")));
        Assert.Null(await api.FeatureAsync(flag));
    }

    [Fact]
    public async Task Unknown_feature_group_is_refused_naming_the_registered_ones()
    {
        using var api = factory.Client();
        var message = await api.RefusedAsync(GitLabApiFactory.NewFlag(), ("value", "true"), ("feature_group", "nobody"));
        Assert.Equal("400 Bad request - Unknown feature group 'nobody'. Registered feature groups: gitlab_team_members.", message);
    }

    [Fact]
    public async Task Actor_ids_that_cannot_be_stored_are_refused()
    {
        using var api = factory.Client();
        var tooLong = await api.RefusedAsync(GitLabApiFactory.NewFlag(), ("value", "true"), ("user", new string('a', 300)));
        Assert.Contains("characters long; use at most 255", tooLong, StringComparison.Ordinal);
        var control = await api.RefusedAsync(GitLabApiFactory.NewFlag(), ("value", "true"), ("user", "ali\u0001ce"));
        Assert.Contains("contains a control character (U+0001)", control, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", "")]
    [InlineData("user", " , ,")]
    [InlineData("feature_group", "")]
    public async Task Empty_targets_are_refused(string parameter, string value)
    {
        using var api = factory.Client();
        var message = await api.RefusedAsync(GitLabApiFactory.NewFlag(), ("value", "true"), (parameter, value));
        Assert.StartsWith($"400 Bad request - {parameter} is empty", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper_case")]
    [InlineData("double__underscore")]
    [InlineData("trailing_")]
    [InlineData("with-dash")]
    public async Task Invalid_names_are_refused(string name)
    {
        using var api = factory.Client();
        var message = await api.RefusedAsync(name, ("value", "true"), ("force", "true"));
        Assert.Equal(
            $"400 Bad request - Feature flag '{name}' is invalid: a name must match ^[a-z0-9]+(_[a-z0-9]+)*$ (lowercase letters, digits and single underscores, e.g. 'duo_chat_multi_thread').",
            message);
    }

    [Fact]
    public async Task Delete_removes_the_flag_and_answers_204_whether_or_not_it_existed()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "true"));
        using (var deleted = await api.DeleteAsync(flag))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Null(await api.FeatureAsync(flag));
        var audit = await factory.LastAuditEventAsync(flag);
        Assert.Equal("delete", audit.Action);
        Assert.Equal($"Feature flag '{flag}' has been deleted on production", audit.Title);

        var before = await factory.AuditCountAsync();
        using (var again = await api.DeleteAsync(flag))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        Assert.Equal(before, await factory.AuditCountAsync());
    }

    [Fact]
    public async Task Delete_of_an_invalid_name_is_refused()
    {
        using var api = factory.Client();
        using var response = await api.DeleteAsync("Not-A-Flag");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("400 Bad request - Feature flag 'Not-A-Flag' is invalid", await GitLabTestClient.MessageAsync(response), StringComparison.Ordinal);
    }
}
