using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.Native;

public sealed class NativeApiTests : IClassFixture<VexilServerFactory>
{
    private readonly VexilServerFactory factory;

    public NativeApiTests(VexilServerFactory factory) => this.factory = factory;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_without_a_valid_token_get_401_problem_details()
    {
        var anonymous = await factory.CreateClient().GetAsync("/api/v1/environments", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", "vxl_wrong");
        var wrong = await client.GetAsync("/api/v1/environments", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environments_are_listed_in_order_with_aliases_and_protection()
    {
        var environments = await factory.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/v1/environments", Cancel);
        var names = environments.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["dev", "pre", "staging-canary", "staging", "staging-ref", "ops", "production-canary", "production"], names);
        var production = environments.EnumerateArray().Last();
        Assert.True(production.GetProperty("protected").GetBoolean());
        Assert.True(production.GetProperty("isDefault").GetBoolean());
        Assert.Equal("gprd", production.GetProperty("aliases")[0].GetString());
    }

    [Fact]
    public async Task Flag_matrix_shows_definitions_and_state_per_environment()
    {
        await Change(ChangeRequest.Update("staging", "duo_chat_multi_thread", Origin(), GateOperation.SetPercentageOfActors(Percentage.Parse("50"))));

        var matrix = await factory.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/v1/flags?match=duo", Cancel);
        var row = Assert.Single(matrix.GetProperty("flags").EnumerateArray());
        Assert.Equal("duo_chat_multi_thread", row.GetProperty("name").GetString());
        Assert.Equal("beta", row.GetProperty("definition").GetProperty("type").GetString());
        var staging = row.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("environment").GetString() == "staging");
        Assert.Equal("conditional", staging.GetProperty("state").GetString());
        Assert.Equal(50, staging.GetProperty("gates").GetProperty("percentageOfActors").GetDouble());
        var production = row.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("environment").GetString() == "production");
        Assert.False(production.GetProperty("persisted").GetBoolean());
        Assert.Equal("off", production.GetProperty("state").GetString());
    }

    [Fact]
    public async Task One_flag_is_404_when_unknown_and_400_when_the_name_is_invalid()
    {
        var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/flags/no_such_flag", Cancel)).StatusCode);
        var invalid = await client.GetAsync("/api/v1/flags/Bad-Name", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("is invalid", await invalid.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var known = await client.GetFromJsonAsync<JsonElement>("/api/v1/flags/code_suggestions_context", Cancel);
        Assert.Equal("gitlab_com_derisk", known.GetProperty("definition").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Audit_is_filtered_and_paged_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            await Change(ChangeRequest.Update("dev", "audit_paging_flag", Origin("alice"), GateOperation.EnableActor($"User:{i}")));
        }

        await Change(ChangeRequest.Update("dev", "audit_paging_flag", Origin("bob"), GateOperation.EnableBoolean()));

        var client = factory.CreateAdminClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?flag=audit_paging_flag&environment=dev&pageSize=2", Cancel);
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        var events = page.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(2, events.Length);
        Assert.Equal("enable", events[0].GetProperty("action").GetString());
        Assert.Equal("bob", events[0].GetProperty("user").GetString());

        var alice = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?flag=audit_paging_flag&user=alice", Cancel);
        Assert.Equal(3, alice.GetProperty("total").GetInt64());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit?environment=nowhere", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit?page=0", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit?pageSize=100000", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Definitions_are_listed_with_their_errors()
    {
        var view = await factory.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/v1/definitions", Cancel);
        var names = view.GetProperty("definitions").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToArray();
        Assert.Contains("duo_chat_multi_thread", names);
        Assert.Contains("code_suggestions_context", names);
        Assert.Empty(view.GetProperty("errors").EnumerateArray());
    }

    private static ChangeOrigin Origin(string user = "tester") => new(user, ChangeChannels.Api);

    private async Task Change(ChangeRequest request)
    {
        var result = await factory.Services.GetRequiredService<FlagChangeService>().ApplyAsync(request, Cancel);
        Assert.True(result.Accepted, result.Refusal);
    }
}
