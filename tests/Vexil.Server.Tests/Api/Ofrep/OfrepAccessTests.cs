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

    [Theory]
    [InlineData("?environment=production", null)]
    [InlineData("?environment=gprd", null)]
    [InlineData("", "production")]
    public async Task Token_scoped_to_one_environment_that_names_another_is_403_not_answered_from_its_own(string query, string? header)
    {
        var reader = factory.CreateBearerClient(ScopedTestTokens.ReadStaging);
        void Name(HttpRequestMessage request)
        {
            if (header is not null)
            {
                request.Headers.Add("X-Vexil-Environment", header);
            }
        }

        var (single, json, _) = await PostAsync(reader, $"/ofrep/v1/evaluate/flags/{OfrepServerFactory.ExampleFlag}{query}", Body("User:1"), Name);
        var (bulk, bulkJson, _) = await PostAsync(reader, $"/ofrep/v1/evaluate/flags{query}", Body("User:1"), Name);

        Assert.Equal(HttpStatusCode.Forbidden, single);
        Assert.Equal(
            "This token is scoped to environment 'staging' and may not read 'production': use a token for 'production', or leave the environment out.",
            json.Text("errorDetails"));
        Assert.Equal(HttpStatusCode.Forbidden, bulk);
        Assert.Contains("scoped to environment 'staging'", bulkJson.Text("errorDetails"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?environment=staging")]
    [InlineData("?environment=gstg")]
    public async Task Token_scoped_to_one_environment_may_name_it(string query)
    {
        var (status, json, _) = await PostAsync(factory.CreateBearerClient(ScopedTestTokens.ReadStaging), $"/ofrep/v1/evaluate/flags/{OfrepServerFactory.ExampleFlag}{query}", Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("staging", json.GetProperty("metadata").Text("environment"));
    }

    [Fact]
    public async Task Token_scoped_to_one_environment_naming_an_unknown_one_is_400()
    {
        var (status, json, _) = await PostAsync(factory.CreateBearerClient(ScopedTestTokens.ReadStaging), $"/ofrep/v1/evaluate/flags/{OfrepServerFactory.ExampleFlag}?environment=moon", Body("User:1"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("GENERAL", json.Text("errorCode"));
        Assert.StartsWith("Unknown environment 'moon'", json.Text("errorDetails"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_given_twice_is_400_naming_the_parameter()
    {
        var (status, json, _) = await PostAsync(factory.CreateBearerClient(ScopedTestTokens.ReadEverywhere), $"/ofrep/v1/evaluate/flags/{OfrepServerFactory.ExampleFlag}?environment=staging&environment=production", Body("User:1"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(OfrepServerFactory.ExampleFlag, json.Text("key"));
        Assert.Equal("GENERAL", json.Text("errorCode"));
        Assert.Equal("The query parameter 'environment' is given 2 times; give it once.", json.Text("errorDetails"));
    }

    [Theory]
    [InlineData("""{"context":{"targetingKey":"User:\ud800"}}""")]
    [InlineData("""{"context":{"targetingKey":"User:\udc00"}}""")]
    [InlineData("""{"context":{"targetingKey":"User:1","actors":["Project:\ud83d"]}}""")]
    public async Task Lone_surrogates_answer_400_invalid_context_on_both_evaluation_endpoints(string body)
    {
        var reader = factory.CreateBearerClient(ScopedTestTokens.ReadEverywhere);

        var (single, json, _) = await EvaluateAsync(reader, OfrepServerFactory.ExampleFlag, body);
        var (bulk, bulkJson, _) = await EvaluateAllAsync(reader, body);

        Assert.Equal(HttpStatusCode.BadRequest, single);
        Assert.Equal("INVALID_CONTEXT", json.Text("errorCode"));
        Assert.Contains("not valid Unicode text", json.Text("errorDetails"), StringComparison.Ordinal);

        // The answer names the problem in plain ASCII: it must not itself carry a broken character.
        Assert.Contains(@"\ud800", json.Text("errorDetails"), StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", json.Text("errorDetails"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bulk);
        Assert.Equal("INVALID_CONTEXT", bulkJson.Text("errorCode"));
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
