using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Api.GitLab;
using Xunit;

namespace Vexil.Server.Tests.Api.Native;

/// <summary><c>GET /api/v1/flags/{name}/check</c>: does an actor see a flag, and which gate decided.</summary>
public sealed class FlagCheckTests(GitLabApiFactory factory) : IClassFixture<GitLabApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_gate_is_named_with_the_engines_reason()
    {
        var flag = GitLabApiFactory.NewFlag("check");
        await Change("staging", flag, GateOperation.EnableActor("User:42"));
        await Change("staging", flag, GateOperation.EnableActor("User:7:opt_out"));
        await Change("dev", flag, GateOperation.SetPercentageOfActors(Percentage.Parse("100")));
        await Change("pre", flag, GateOperation.EnableBoolean());

        var listed = await CheckAsync(flag, "actor=User:42&environment=gstg");
        Assert.Equal(["User:42"], listed.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
        AssertAnswer(Single(listed), "staging", true, "TargetingMatch", "actors", "User:42 is listed in the actors gate.");

        AssertAnswer(Single(await CheckAsync(flag, "actor=User:43&environment=staging")), "staging", false, "NoMatch", null, "No gate opens for User:43.");
        AssertAnswer(Single(await CheckAsync(flag, "actor=User:7&environment=staging")), "staging", false, "OptedOut", "opt_out", "User:7 opted out of the flag, which wins over every other gate.");
        AssertAnswer(Single(await CheckAsync(flag, "actor=User:43&environment=dev")), "dev", true, "Split", "percentage_of_actors", "User:43 falls in the 100% of actors (the same actors always do).");
        AssertAnswer(Single(await CheckAsync(flag, "environment=pre")), "pre", true, "Static", "boolean", "The flag is on for everyone.");

        // Without an environment: every environment the token reads, in order.
        var all = await CheckAsync(flag, "actor=User:42");
        Assert.Equal(
            ["dev", "pre", "staging-canary", "staging", "staging-ref", "ops", "production-canary", "production"],
            all.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("environment").GetString()));
        var production = all.GetProperty("environments").EnumerateArray().Last();
        Assert.False(production.GetProperty("enabled").GetBoolean());
        Assert.Equal("Unknown", production.GetProperty("reason").GetString());
        Assert.Equal("The flag does not exist on production.", production.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Several_actors_are_one_multi_actor_check()
    {
        var flag = GitLabApiFactory.NewFlag("check");
        await Change("staging", flag, GateOperation.EnableActor("Project:gitlab-org/gitlab"));

        var answer = Single(await CheckAsync(flag, "actor=User:1&actor=Project:gitlab-org/gitlab&environment=staging"));

        AssertAnswer(answer, "staging", true, "TargetingMatch", "actors", "Project:gitlab-org/gitlab is listed in the actors gate.");
    }

    [Fact]
    public async Task A_scoped_token_checks_only_its_environments()
    {
        var flag = GitLabApiFactory.NewFlag("check");
        await Change("staging", flag, GateOperation.EnableBoolean());
        using var client = Client(TestTokens.ReadStaging);

        using var forbidden = await client.GetAsync($"/api/v1/flags/{flag}/check?actor=User:1&environment=production", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("This token cannot read production.", await forbidden.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var mine = await client.GetFromJsonAsync<JsonElement>($"/api/v1/flags/{flag}/check?actor=User:1", Cancel);
        Assert.Equal(["staging"], mine.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("environment").GetString()));
    }

    [Theory]
    [InlineData("Bad-Name", "actor=User:1", 400, "Invalid flag name")]
    [InlineData("check_missing_flag", "actor=User:1", 404, "No flag 'check_missing_flag' is defined or stored in the environments asked about.")]
    [InlineData("check_any", "actor=User:1&environment=stagin", 400, "Unknown environment")]
    [InlineData("check_any", "actor=User%3A%01", 400, "Invalid actor")]
    public async Task Bad_requests_say_what_was_wrong(string flag, string query, int status, string expected)
    {
        using var client = Client(VexilServerFactoryToken);
        using var response = await client.GetAsync($"/api/v1/flags/{flag}/check?{query}", Cancel);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private const string VexilServerFactoryToken = Infrastructure.VexilServerFactory.AdminToken;

    private static JsonElement Single(JsonElement answer) => Assert.Single(answer.GetProperty("environments").EnumerateArray());

    private static void AssertAnswer(JsonElement answer, string environment, bool enabled, string reason, string? gate, string explanation)
    {
        Assert.Equal(environment, answer.GetProperty("environment").GetString());
        Assert.Equal(enabled, answer.GetProperty("enabled").GetBoolean());
        Assert.Equal(reason, answer.GetProperty("reason").GetString());
        Assert.Equal(gate, answer.GetProperty("gate").GetString());
        Assert.Equal(explanation, answer.GetProperty("explanation").GetString());
    }

    private async Task<JsonElement> CheckAsync(string flag, string query)
    {
        using var client = Client(VexilServerFactoryToken);
        using var response = await client.GetAsync($"/api/v1/flags/{flag}/check?{query}", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private HttpClient Client(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    private async Task Change(string environment, string flag, GateOperation operation)
    {
        var result = await factory.Services.GetRequiredService<FlagChangeService>()
            .ApplyAsync(ChangeRequest.Update(environment, flag, new ChangeOrigin("tester", ChangeChannels.Api), operation), Cancel);
        Assert.True(result.Accepted, result.Refusal);
    }
}
