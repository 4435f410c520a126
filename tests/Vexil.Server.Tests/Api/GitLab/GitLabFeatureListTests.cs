using System.Net;
using System.Text.Json;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary><c>GET /api/v4/features</c> and <c>/definitions</c> with the example definitions loaded.</summary>
public sealed class GitLabFeatureListTests(GitLabDefinitionsFactory factory) : IClassFixture<GitLabDefinitionsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_persisted_flags_of_the_environment_sorted_by_name_with_definitions()
    {
        using var api = factory.Client();
        const string Environment = "pre";
        await api.SetAsync("zz_undefined_flag", ("value", "true"), ("force", "true"), ("environment", Environment));
        await api.SetAsync("duo_chat_multi_thread", ("value", "0.5"), ("key", "percentage_of_actors"), ("environment", Environment));
        await api.SetAsync("code_suggestions_context", ("value", "false"), ("environment", Environment));

        var features = await api.FeaturesAsync(Environment);

        // code_suggestions_context is off but persisted; flags only defined elsewhere do not appear.
        Assert.Equal(
            ["code_suggestions_context", "duo_chat_multi_thread", "zz_undefined_flag"],
            features.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray());

        var off = features[0];
        Assert.Equal("off", off.GetProperty("state").GetString());
        Assert.Equal("""[{"key":"boolean","value":false}]""", off.GetProperty("gates").GetRawText());

        var percentage = features[1];
        Assert.Equal("""[{"key":"boolean","value":false},{"key":"percentage_of_actors","value":0.5}]""", percentage.GetProperty("gates").GetRawText());
        var definition = percentage.GetProperty("definition");
        Assert.Equal(
            ["name", "feature_issue_url", "introduced_by_url", "rollout_issue_url", "milestone", "log_state_changes", "type", "group", "default_enabled"],
            definition.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("17.9", definition.GetProperty("milestone").GetString());
        Assert.Equal("beta", definition.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, definition.GetProperty("log_state_changes").ValueKind);
        Assert.Equal(JsonValueKind.False, definition.GetProperty("default_enabled").ValueKind);

        Assert.Equal(JsonValueKind.Null, features[2].GetProperty("definition").ValueKind);
        Assert.Equal("on", features[2].GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_environment_with_nothing_persisted_lists_nothing()
    {
        using var api = factory.Client();
        using var response = await api.ListAsync("environment=ops");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task The_trailing_slash_form_python_gitlab_uses_lists_too()
    {
        using var api = factory.Client();
        await api.SetAsync("duo_chat_multi_thread", ("value", "true"), ("environment", "dev"));
        using var response = await api.Http.GetAsync("/api/v4/features/?environment=dev", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("duo_chat_multi_thread", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definitions_lists_every_loaded_definition()
    {
        using var api = factory.Client();
        using var response = await api.Http.GetAsync("/api/v4/features/definitions", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(
            ["code_suggestions_context", "duo_chat_multi_thread"],
            document.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("gitlab_com_derisk", document.RootElement[0].GetProperty("type").GetString());
        Assert.Equal("group::code creation", document.RootElement[0].GetProperty("group").GetString());
    }

    [Fact]
    public async Task A_flag_without_a_definition_is_refused_unless_forced()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag("undefined");
        Assert.Equal(
            $"400 Bad request - Feature flag '{flag}' has no definition: add <type>/{flag}.yml to a definitions folder (Vexil:Definitions:Paths), or pass force=true to set it anyway.",
            await api.RefusedAsync(flag, ("value", "true"), ("environment", "staging")));
        Assert.Equal(0, await factory.AuditCountAsync(flag));

        using var forcedInQuery = await api.PostJsonAsync(flag, "{\"value\": true, \"environment\": \"staging\"}", "force=True");
        Assert.Equal(HttpStatusCode.Created, forcedInQuery.StatusCode);
        await api.SetAsync(flag, ("value", "false"), ("force", "1"), ("environment", "staging"));
        using var forcedInJson = await api.PostJsonAsync(flag, "{\"value\": true, \"force\": true, \"environment\": \"staging\"}");
        Assert.Equal(HttpStatusCode.Created, forcedInJson.StatusCode);

        Assert.Equal(
            $"400 Bad request - Feature flag '{flag}' has no definition: add <type>/{flag}.yml to a definitions folder (Vexil:Definitions:Paths), or pass force=true to set it anyway.",
            await api.RefusedAsync(flag, ("value", "true"), ("force", "false"), ("environment", "staging")));
    }

    [Fact]
    public async Task Deleting_a_flag_without_a_definition_needs_no_force()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag("orphan");
        await api.SetAsync(flag, ("value", "true"), ("force", "true"), ("environment", "dev"));
        using var response = await api.DeleteAsync(flag, "environment=dev");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await api.FeatureAsync(flag, "dev"));
    }

    [Fact]
    public async Task Force_does_not_skip_the_name_rule()
    {
        using var api = factory.Client();
        var message = await api.RefusedAsync("Bad_Name", ("value", "true"), ("force", "true"));
        Assert.StartsWith("400 Bad request - Feature flag 'Bad_Name' is invalid", message, StringComparison.Ordinal);
    }
}
