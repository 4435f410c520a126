using System.Net;
using Vexil.Core.State;
using Xunit;
using static Vexil.Server.Tests.Api.Ofrep.OfrepCalls;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepBulkEvaluationTests(OfrepServerFactory factory) : IClassFixture<OfrepServerFactory>
{
    private readonly HttpClient client = factory.CreateBearerClient();

    [Fact]
    public async Task Bulk_lists_stored_and_defined_only_flags_sorted_by_name()
    {
        await factory.ChangeAsync("production", "ofrep_bulk_stored", GateOperation.EnableBoolean());

        var (status, json, _) = await EvaluateAllAsync(client, Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, status);
        var keys = json.GetProperty("flags").EnumerateArray().Select(f => f.Text("key")!).ToArray();
        Assert.Contains("ofrep_bulk_stored", keys);
        Assert.Contains(OfrepServerFactory.ExampleFlag, keys);
        Assert.Contains(OfrepServerFactory.DefaultOnFlag, keys);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);

        var stored = FindFlag(json, "ofrep_bulk_stored")!.Value;
        Assert.True(stored.GetProperty("value").GetBoolean());
        Assert.Equal("STATIC", stored.Text("reason"));
        var defined = FindFlag(json, OfrepServerFactory.DefaultOnFlag)!.Value;
        Assert.Equal("STATIC", defined.Text("reason"));
        Assert.Equal("beta", defined.GetProperty("metadata").Text("type"));
        Assert.Equal("production", json.GetProperty("metadata").Text("environment"));
    }

    [Fact]
    public async Task Bulk_answer_points_to_the_event_stream()
    {
        var (_, json, _) = await EvaluateAllAsync(client, Body("User:1"));

        var stream = Assert.Single(json.GetProperty("eventStreams").EnumerateArray());
        Assert.Equal("sse", stream.Text("type"));
        Assert.False(stream.TryGetProperty("url", out _)); // exactly one of url and endpoint
        var requestUri = stream.GetProperty("endpoint").Text("requestUri");
        Assert.StartsWith("/ofrep/v1/events?environment=production&ticket=", requestUri, StringComparison.Ordinal);
        Assert.Equal(120, stream.GetProperty("inactivityDelaySec").GetInt32());
    }

    [Fact]
    public async Task Etag_cycle_304_until_a_change_then_a_new_etag()
    {
        await factory.ChangeAsync("staging", "ofrep_bulk_etag", GateOperation.EnableActor("User:1"));
        void Staging(HttpRequestMessage request) => request.Headers.Add("X-Vexil-Environment", "staging");

        var (first, _, firstResponse) = await EvaluateAllAsync(client, Body("User:1"), Staging);
        var etag = firstResponse.Headers.ETag;
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);

        var (second, _, secondResponse) = await EvaluateAllAsync(client, Body("User:1"), r =>
        {
            Staging(r);
            r.Headers.IfNoneMatch.Add(etag);
        });
        Assert.Equal(HttpStatusCode.NotModified, second);
        Assert.Empty(await secondResponse.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(etag, secondResponse.Headers.ETag);

        await factory.ChangeAsync("staging", "ofrep_bulk_etag", GateOperation.DisableActor("User:1"));

        var (third, json, thirdResponse) = await EvaluateAllAsync(client, Body("User:1"), r =>
        {
            Staging(r);
            r.Headers.IfNoneMatch.Add(etag);
        });
        Assert.Equal(HttpStatusCode.OK, third);
        Assert.NotEqual(etag, thirdResponse.Headers.ETag);
        Assert.Equal("DISABLED", FindFlag(json, "ofrep_bulk_etag")!.Value.Text("reason")); // no gate left: off
    }

    [Fact]
    public async Task Etag_depends_on_the_actors_but_not_on_other_attributes()
    {
        var user1 = await EtagAsync(Body("User:1"));
        var user1Again = await EtagAsync("{\"context\":{\"targetingKey\":\"User:1\",\"email\":\"a@example.com\"}}");
        var user2 = await EtagAsync(Body("User:2"));
        var user1WithProject = await EtagAsync(Body("User:1", "Project:1"));
        var nobody = await EtagAsync("{}");

        Assert.Equal(user1, user1Again);
        Assert.NotEqual(user1, user2);
        Assert.NotEqual(user1, user1WithProject);
        Assert.NotEqual(user1, nobody);
    }

    [Fact]
    public async Task Etag_differs_between_environments()
    {
        var production = await EtagAsync(Body("User:1"));
        var dev = await EtagAsync(Body("User:1"), "dev");

        Assert.NotEqual(production, dev);
    }

    [Fact]
    public async Task If_none_match_star_or_a_list_containing_the_etag_is_304()
    {
        var etag = await EtagAsync(Body("User:9"));

        var (star, _, _) = await EvaluateAllAsync(client, Body("User:9"), r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        var (list, _, _) = await EvaluateAllAsync(client, Body("User:9"), r => r.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {etag}"));
        var (stale, _, _) = await EvaluateAllAsync(client, Body("User:9"), r => r.Headers.TryAddWithoutValidation("If-None-Match", "W/\"0000\""));

        Assert.Equal(HttpStatusCode.NotModified, star);
        Assert.Equal(HttpStatusCode.NotModified, list);
        Assert.Equal(HttpStatusCode.OK, stale);
    }

    [Fact]
    public async Task Flags_stored_in_another_environment_are_not_listed()
    {
        await factory.ChangeAsync("ops", "ofrep_bulk_ops_only", GateOperation.EnableBoolean());

        var (_, production, _) = await EvaluateAllAsync(client, Body("User:1"));
        var (_, ops, _) = await EvaluateAllAsync(client, Body("User:1"), r => r.Headers.Add("X-Vexil-Environment", "ops"));

        Assert.Null(FindFlag(production, "ofrep_bulk_ops_only"));
        Assert.True(FindFlag(ops, "ofrep_bulk_ops_only")!.Value.GetProperty("value").GetBoolean());
        Assert.Equal("ops", ops.GetProperty("metadata").Text("environment"));
    }

    [Fact]
    public async Task Bad_body_is_400_without_a_key()
    {
        var (status, json, response) = await EvaluateAllAsync(client, "{\"context\":[]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_CONTEXT", json.Text("errorCode"));
        Assert.False(json.TryGetProperty("key", out _));
        Assert.Null(response.Headers.ETag);
    }

    private async Task<string> EtagAsync(string body, string? environment = null)
    {
        var (status, _, response) = await EvaluateAllAsync(client, body, r =>
        {
            if (environment is not null)
            {
                r.Headers.Add("X-Vexil-Environment", environment);
            }
        });
        Assert.Equal(HttpStatusCode.OK, status);
        return response.Headers.ETag!.ToString();
    }
}
