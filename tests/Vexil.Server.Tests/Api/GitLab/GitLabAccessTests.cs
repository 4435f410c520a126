using System.Net;
using System.Net.Http.Headers;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>401 and 403 as GitLab answers them, tokens' rights and scopes, and how the environment is chosen.</summary>
public sealed class GitLabAccessTests(GitLabApiFactory factory) : IClassFixture<GitLabApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v4/features" },
        { "GET", "/api/v4/features/" },
        { "GET", "/api/v4/features/definitions" },
        { "POST", "/api/v4/features/some_flag?value=true" },
        { "POST", "/api/v4/features//some_flag?value=true" },
        { "DELETE", "/api/v4/features/some_flag" },
        { "DELETE", "/api/v4/features//some_flag" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_token_every_endpoint_is_401(string method, string path)
    {
        using var api = factory.Client(token: null);
        using var response = await api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("401 Unauthorized", await GitLabTestClient.MessageAsync(response));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_invalid_token_is_401(string method, string path)
    {
        using var api = factory.Client(token: "vxl_not_a_token");
        using var response = await api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_is_accepted()
    {
        using var api = factory.Client(token: null);
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", VexilServerFactory.AdminToken);
        using var response = await api.ListAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_read_token_reads_but_may_not_write()
    {
        using var api = factory.Client(TestTokens.ReadAll);
        Assert.Equal(HttpStatusCode.OK, (await api.ListAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/api/v4/features/definitions", Cancel)).StatusCode);

        var flag = GitLabApiFactory.NewFlag();
        using var set = await api.PostFormAsync(flag, ("value", "true"));
        Assert.Equal(HttpStatusCode.Forbidden, set.StatusCode);
        Assert.Equal("403 Forbidden", await GitLabTestClient.MessageAsync(set));
        using var delete = await api.DeleteAsync(flag);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(0, await factory.AuditCountAsync(flag));
    }

    [Fact]
    public async Task An_unscoped_write_token_writes_everywhere_but_the_protected_environment()
    {
        using var api = factory.Client(TestTokens.WriteUnscoped);
        var flag = GitLabApiFactory.NewFlag();
        using (var staging = await api.PostFormAsync(flag, ("value", "true"), ("environment", "staging")))
        {
            Assert.Equal(HttpStatusCode.Created, staging.StatusCode);
        }

        using var production = await api.PostFormAsync(flag, ("value", "true"));
        Assert.Equal(HttpStatusCode.Forbidden, production.StatusCode);

        using var named = factory.Client(TestTokens.WriteProduction);
        using var allowed = await named.PostFormAsync(flag, ("value", "true"));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task A_token_scoped_to_one_environment_works_there_without_naming_it()
    {
        using var api = factory.Client(TestTokens.WriteStaging);
        var flag = GitLabApiFactory.NewFlag();
        await api.SetAsync(flag, ("value", "true"));

        using var admin = factory.Client();
        Assert.NotNull(await admin.FeatureAsync(flag, "staging"));
        Assert.Null(await admin.FeatureAsync(flag, "production"));
        Assert.NotNull(await api.FeatureAsync(flag));
        Assert.Equal("staging", (await factory.LastAuditEventAsync(flag)).Environment);
    }

    [Fact]
    public async Task A_scoped_token_naming_another_environment_is_forbidden_rather_than_redirected()
    {
        using var api = factory.Client(TestTokens.WriteStaging);
        var flag = GitLabApiFactory.NewFlag();
        using var set = await api.PostFormAsync(flag, ("value", "true"), ("environment", "production"));
        Assert.Equal(HttpStatusCode.Forbidden, set.StatusCode);
        using var alias = await api.PostFormAsync(flag, ("value", "true"), ("environment", "gstg"));
        Assert.Equal(HttpStatusCode.Created, alias.StatusCode);

        using var reader = factory.Client(TestTokens.ReadStaging);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.ListAsync("environment=production")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.ListAsync()).StatusCode);
    }

    [Fact]
    public async Task The_environment_comes_from_the_parameter_the_header_or_the_default()
    {
        using var api = factory.Client();
        var viaQuery = GitLabApiFactory.NewFlag();
        using (var response = await api.PostQueryAsync(viaQuery, "value=true&environment=dev"))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var viaJson = GitLabApiFactory.NewFlag();
        using (var response = await api.PostJsonAsync(viaJson, "{\"value\": true, \"environment\": \"gstg-ref\"}"))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var viaHeader = GitLabApiFactory.NewFlag();
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v4/features/{viaHeader}?value=true"))
        {
            request.Headers.Add("X-Vexil-Environment", "ops");
            using var response = await api.Http.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var byDefault = GitLabApiFactory.NewFlag();
        await api.SetAsync(byDefault, ("value", "true"));

        Assert.NotNull(await api.FeatureAsync(viaQuery, "dev"));
        Assert.NotNull(await api.FeatureAsync(viaJson, "staging-ref"));
        Assert.NotNull(await api.FeatureAsync(viaHeader, "ops"));
        Assert.NotNull(await api.FeatureAsync(byDefault, "gprd"));
        Assert.Null(await api.FeatureAsync(viaQuery));
    }

    [Fact]
    public async Task An_unknown_environment_is_400_naming_the_known_ones()
    {
        using var api = factory.Client();
        const string Expected = "400 Bad request - Unknown environment 'moon'. Known environments: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops, production-canary (gprd-cny), production (gprd).";
        using var set = await api.PostFormAsync(GitLabApiFactory.NewFlag(), ("value", "true"), ("environment", "moon"));
        Assert.Equal(HttpStatusCode.BadRequest, set.StatusCode);
        Assert.Equal(Expected, await GitLabTestClient.MessageAsync(set));

        using var list = await api.ListAsync("environment=moon");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Equal(Expected, await GitLabTestClient.MessageAsync(list));

        using var delete = await api.DeleteAsync(GitLabApiFactory.NewFlag(), "environment=moon");
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
    }
}
