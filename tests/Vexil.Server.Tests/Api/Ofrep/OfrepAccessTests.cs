using System.Net;
using Vexil.Core.State;
using Xunit;
using static Vexil.Server.Tests.Api.Ofrep.OfrepCalls;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepAccessTests(OfrepServerFactory factory) : IClassFixture<OfrepServerFactory>
{
    [Theory]
    [InlineData("/ofrep/v1/evaluate/flags/duo_chat_multi_thread")]
    [InlineData("/ofrep/v1/evaluate/flags")]
    public async Task Missing_token_is_401_with_a_bearer_challenge(string path)
    {
        var (status, json, response) = await PostAsync(factory.CreateClient(), path, Body("User:1"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", json.Text("errorDetails"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_token_is_401()
    {
        var (status, json, _) = await EvaluateAsync(factory.CreateBearerClient("vxl_wrong"), OfrepServerFactory.ExampleFlag, Body("User:1"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("not valid", json.Text("errorDetails"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_token_header_works_too()
    {
        var (status, _, _) = await EvaluateAsync(factory.CreateAdminClient(), OfrepServerFactory.ExampleFlag, Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Read_token_evaluates_in_any_environment()
    {
        var (status, json, _) = await EvaluateAsync(
            factory.CreateBearerClient(ScopedTestTokens.ReadEverywhere),
            OfrepServerFactory.ExampleFlag,
            Body("User:1"),
            r => r.Headers.Add("X-Vexil-Environment", "dev"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dev", json.GetProperty("metadata").Text("environment"));
    }

    [Fact]
    public async Task Token_scoped_to_one_environment_evaluates_there_without_naming_it()
    {
        await factory.ChangeAsync("staging", "ofrep_access_staging", GateOperation.EnableBoolean());

        var (status, json, _) = await EvaluateAsync(factory.CreateBearerClient(ScopedTestTokens.ReadStaging), "ofrep_access_staging", Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("value").GetBoolean());
        Assert.Equal("staging", json.GetProperty("metadata").Text("environment"));
    }

    [Fact]
    public async Task Token_without_read_right_for_the_environment_is_403()
    {
        var reader = factory.CreateBearerClient(ScopedTestTokens.ReadDevAndOps);

        var (production, json, _) = await EvaluateAsync(reader, OfrepServerFactory.ExampleFlag, Body("User:1"));
        var (ops, _, _) = await EvaluateAsync(reader, OfrepServerFactory.ExampleFlag, Body("User:1"), r => r.Headers.Add("X-Vexil-Environment", "ops"));
        var (bulk, _, _) = await EvaluateAllAsync(reader, Body("User:1"), r => r.Headers.Add("X-Vexil-Environment", "gprd"));

        Assert.Equal(HttpStatusCode.Forbidden, production);
        Assert.Contains("production", json.Text("errorDetails"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ops);
        Assert.Equal(HttpStatusCode.Forbidden, bulk);
    }

    [Fact]
    public async Task Unknown_environment_is_400_naming_the_known_ones()
    {
        var (status, json, _) = await EvaluateAsync(
            factory.CreateBearerClient(),
            OfrepServerFactory.ExampleFlag,
            Body("User:1"),
            r => r.Headers.Add("X-Vexil-Environment", "moon"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("GENERAL", json.Text("errorCode"));
        Assert.Equal(OfrepServerFactory.ExampleFlag, json.Text("key"));
        Assert.Contains("moon", json.Text("errorDetails"), StringComparison.Ordinal);
        Assert.Contains("staging (gstg)", json.Text("errorDetails"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_by_alias_header_or_query_parameter()
    {
        await factory.ChangeAsync("staging", "ofrep_access_alias", GateOperation.EnableBoolean());
        var admin = factory.CreateBearerClient();

        var (alias, byAlias, _) = await EvaluateAsync(admin, "ofrep_access_alias", Body("User:1"), r => r.Headers.Add("X-Vexil-Environment", "gstg"));
        var (query, byQuery, _) = await PostAsync(admin, "/ofrep/v1/evaluate/flags/ofrep_access_alias?environment=staging", Body("User:1"));
        var (production, _, _) = await EvaluateAsync(admin, "ofrep_access_alias", Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, alias);
        Assert.Equal("staging", byAlias.GetProperty("metadata").Text("environment"));
        Assert.Equal(HttpStatusCode.OK, query);
        Assert.True(byQuery.GetProperty("value").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, production); // stored in staging only, and not defined
    }
}
