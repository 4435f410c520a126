using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>Parameters from the query string, urlencoded and multipart forms and JSON; the paths clients really send; bad bodies.</summary>
public sealed class GitLabParameterSourceTests(GitLabApiFactory factory) : IClassFixture<GitLabApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_string_parameters_are_read()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostQueryAsync(flag, "value=25&key=percentage_of_actors");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("25", GitLabTestClient.Gate((await api.FeatureAsync(flag))!.Value, "percentage_of_actors")!.Value.GetRawText());
    }

    [Fact]
    public async Task Multipart_form_parameters_are_read()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostMultipartAsync(flag, ("value", "true"), ("user", "alice,bob"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["User:alice", "User:bob"], GitLabTestClient.Members((await api.FeatureAsync(flag))!.Value, "actors"));
    }

    [Theory]
    [InlineData("{\"value\": \"true\"}", "on")]
    [InlineData("{\"value\": true}", "on")]
    [InlineData("{\"value\": 100}", "on")]
    [InlineData("{\"value\": 100.0}", "on")]
    [InlineData("{\"value\": false}", "off")]
    [InlineData("{\"value\": 0}", "off")]
    [InlineData("{\"value\": 0.5}", "conditional")]
    [InlineData("\uFEFF{\"value\": 1, \"unknown\": {\"nested\": [1, 2]}}", "conditional")]
    public async Task Json_bodies_accept_strings_booleans_and_numbers(string json, string state)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(state, (await api.FeatureAsync(flag))!.Value.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_json_number_keeps_its_written_form()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, "{\"value\": 0.5}", "key=percentage_of_actors");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("0.5", GitLabTestClient.Gate((await api.FeatureAsync(flag))!.Value, "percentage_of_actors")!.Value.GetRawText());
    }

    [Fact]
    public async Task Python_gitlab_style_json_body_with_options_in_the_query_string_and_a_double_slash()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync("/" + flag, "{\"value\": 30}", "key=percentage_of_actors&force=True");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(GitLabJsonContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal("30", GitLabTestClient.Gate((await api.FeatureAsync(flag))!.Value, "percentage_of_actors")!.Value.GetRawText());

        using var deleted = await api.DeleteAsync("/" + flag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await api.FeatureAsync(flag));
    }

    [Fact]
    public async Task A_value_in_both_the_body_and_the_query_string_is_refused_not_guessed()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, "{\"value\": \"true\"}", "value=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.AuditCountAsync(flag));
    }

    [Fact]
    public async Task A_json_null_means_not_given()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, "{\"value\": \"true\", \"user\": null, \"key\": null}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("on", (await api.FeatureAsync(flag))!.Value.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("{\"value\": ", "400 Bad request - The body is not valid JSON")]
    [InlineData("[\"value\", true]", "400 Bad request - The JSON body must be an object")]
    [InlineData("\"true\"", "400 Bad request - The JSON body must be an object")]
    [InlineData("{\"value\": {\"a\": 1}}", "400 Bad request - value must be a string, a number or a boolean, not an object.")]
    [InlineData("{\"user\": [\"a\"], \"value\": true}", "400 Bad request - user must be a string, a number or a boolean, not a list.")]
    [InlineData("{\"value\": \"\\ud800\"}", "400 Bad request - The JSON body contains a string that is not valid Unicode text")]
    public async Task Malformed_json_is_refused_and_writes_nothing(string json, string expectedStart)
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var response = await api.PostJsonAsync(flag, json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expectedStart, await GitLabTestClient.MessageAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await factory.AuditCountAsync(flag));
    }

    [Fact]
    public async Task Malformed_multipart_is_refused()
    {
        using var api = factory.Client();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\ntrue"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var response = await api.Http.PostAsync("/api/v4/features/" + GitLabApiFactory.NewFlag(), content, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("400 Bad request - The multipart body is malformed", await GitLabTestClient.MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_without_a_boundary_is_refused()
    {
        using var api = factory.Client();
        var content = new StringContent("value=true");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        using var response = await api.Http.PostAsync("/api/v4/features/" + GitLabApiFactory.NewFlag(), content, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_body_type_is_415()
    {
        using var api = factory.Client();
        var content = new StringContent("value=true", Encoding.UTF8, "text/plain");
        using var response = await api.Http.PostAsync("/api/v4/features/" + GitLabApiFactory.NewFlag(), content, Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(GitLabJsonContentType, response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_with_or_without_a_content_length()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var big = "value=true&user=" + new string('a', 70 * 1024);

        using var withLength = await api.Http.PostAsync("/api/v4/features/" + flag, new StringContent(big, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.StartsWith("413 Payload Too Large", await GitLabTestClient.MessageAsync(withLength), StringComparison.Ordinal);

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v4/features/" + flag) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var withoutLength = await api.Http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Equal(0, await factory.AuditCountAsync(flag));
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        var body = "value=true&padding=" + new string('a', (64 * 1024) - 40);
        using var response = await api.Http.PostAsync("/api/v4/features/" + flag, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Responses_are_application_json_without_a_charset()
    {
        using var api = factory.Client();
        var flag = GitLabApiFactory.NewFlag();
        using var created = await api.PostFormAsync(flag, ("value", "true"));
        using var list = await api.ListAsync();
        using var refused = await api.PostFormAsync(flag, ("value", "nope"));
        using var unauthorized = await factory.Client(token: null).ListAsync();
        foreach (var response in new[] { created, list, refused, unauthorized })
        {
            Assert.Equal(GitLabJsonContentType, response.Content.Headers.ContentType!.ToString());
        }
    }

    private const string GitLabJsonContentType = "application/json";
}
