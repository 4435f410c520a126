using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// Bad input to the Features API is a 400 with GitLab's <c>{"message": ...}</c> saying what to fix, and writes nothing:
/// parameters given twice (Rack would keep the last one), empty names in a list, disguising characters in actor ids,
/// and more targets than one change may name.
/// </summary>
public sealed class GitLabBadInputTests(GitLabApiFactory factory) : IClassFixture<GitLabApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_parameter_twice_in_the_query_string_is_refused()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostQueryAsync(flag, "value=true&value=false");
        await AssertRefusedAsync(response, flag, "400 Bad request - The query parameter 'value' is given 2 times; give it once.");
    }

    [Fact]
    public async Task A_parameter_twice_in_a_form_body_is_refused()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostFormAsync(flag, ("value", "true"), ("user", "alice"), ("value", "false"));
        await AssertRefusedAsync(response, flag, "400 Bad request - value is given more than once (twice in the body, or in both the query string and the body); give it once.");
    }

    [Fact]
    public async Task A_parameter_twice_in_a_multipart_body_is_refused()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostMultipartAsync(flag, ("value", "true"), ("environment", "staging"), ("environment", "production"));
        await AssertRefusedAsync(response, flag, "400 Bad request - environment is given more than once");
    }

    [Theory]
    [InlineData("{\"value\": true, \"value\": false}")]
    [InlineData("{\"value\": true, \"user\": \"a\", \"user\": null}")]
    public async Task A_key_twice_in_a_json_body_is_refused(string json)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, json);
        await AssertRefusedAsync(response, flag, "400 Bad request - ");
        Assert.Contains("given more than once", await GitLabTestClient.MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_in_both_the_query_string_and_the_body_is_refused()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, "{\"value\": \"false\"}", "value=true");
        await AssertRefusedAsync(response, flag, "400 Bad request - value is given more than once");
    }

    [Fact]
    public async Task Reads_refuse_an_environment_given_twice()
    {
        using var api = factory.Client();
        using var list = await api.ListAsync("environment=staging&environment=production");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Equal("400 Bad request - The query parameter 'environment' is given 2 times; give it once.", await GitLabTestClient.MessageAsync(list));

        using var definitions = await api.Http.GetAsync("/api/v4/features/definitions?environment=staging&environment=staging", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, definitions.StatusCode);
    }

    [Theory]
    [InlineData("a,,b")]
    [InlineData("a,")]
    [InlineData(",a")]
    [InlineData("a, ,b")]
    public async Task An_empty_name_in_a_list_is_refused_not_dropped(string users)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostFormAsync(flag, ("value", "true"), ("user", users));
        await AssertRefusedAsync(response, flag, $"400 Bad request - user has an empty name in its list ('{users}'): remove the extra comma, e.g. user=alice,bob.");
    }

    [Theory]
    [InlineData(0x202E)]
    [InlineData(0x2067)]
    [InlineData(0x200B)]
    [InlineData(0x2060)]
    public async Task Disguising_characters_in_actor_ids_are_refused(int codeUnit)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostFormAsync(flag, ("value", "true"), ("user", $"adm{(char)codeUnit}in"));
        var message = await AssertRefusedAsync(response, flag, "400 Bad request - Actor id 'User:adm?in' contains an invisible");
        Assert.Contains($"(U+{codeUnit:X4})", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"value\": true, \"user\": \"\\ud800\"}")]
    [InlineData("{\"value\": true, \"project\": \"a/\\udc00\"}")]
    public async Task Lone_surrogates_in_a_json_body_are_refused(string json)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, json);
        await AssertRefusedAsync(response, flag, "400 Bad request - The JSON body contains a string that is not valid Unicode text");
    }

    [Fact]
    public async Task More_than_1000_targets_are_refused_with_the_shared_sentence()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var users = string.Join(',', Enumerable.Range(1, 600).Select(i => $"u{i}"));
        var projects = string.Join(',', Enumerable.Range(1, 401).Select(i => $"p{i}"));
        using var response = await api.PostFormAsync(flag, ("value", "true"), ("user", users), ("project", projects));
        await AssertRefusedAsync(
            response,
            flag,
            "400 Bad request - Too many targets (1001): name at most 1000 users, projects, groups, namespaces and repositories in one change; split it into several.");
    }

    private async Task<string> AssertRefusedAsync(HttpResponseMessage response, string flag, string expectedStart)
    {
        var message = await GitLabTestClient.MessageAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {message}");
        Assert.StartsWith(expectedStart, message, StringComparison.Ordinal);
        Assert.Equal(0, await factory.AuditCountAsync(flag));
        return message;
    }
}
