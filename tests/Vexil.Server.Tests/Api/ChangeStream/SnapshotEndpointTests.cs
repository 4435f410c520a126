using System.Net;
using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Tests.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Api.ChangeStream;

public sealed class SnapshotEndpointTests(StreamServerFactory factory) : IClassFixture<StreamServerFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshot_holds_states_defaults_of_unpersisted_flags_groups_and_the_sequence()
    {
        await factory.ChangeAsync("pre", "snapshot_flag", GateOperation.EnableActor("User:1"), GateOperation.SetPercentageOfActors(Percentage.Parse("2.5")));
        var last = await factory.ChangeAsync("pre", "duo_chat_multi_thread", GateOperation.EnableGroup("gitlab_team_members"));

        using var response = await factory.CreateBearerClient(ScopedTestTokens.ReadEverywhere).GetAsync("/api/v1/environments/pre/snapshot", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = body.RootElement;
        Assert.Equal("pre", root.GetProperty("environment").GetString());
        Assert.Equal(last.Sequence, root.GetProperty("sequence").GetInt64());

        var flag = root.GetProperty("flags").GetProperty("snapshot_flag");
        Assert.False(flag.GetProperty("boolean").GetBoolean());
        Assert.Equal(["User:1"], flag.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("2.5", flag.GetProperty("percentage_of_actors").GetString());
        Assert.Equal("0", flag.GetProperty("percentage_of_time").GetString());
        Assert.Equal(["gitlab_team_members"], root.GetProperty("flags").GetProperty("duo_chat_multi_thread").GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

        // Defined but not persisted here: the default answers. Persisted: not among the defaults.
        var defaults = root.GetProperty("defaults");
        Assert.True(defaults.GetProperty(StreamServerFactory.DefaultOnFlag).GetBoolean());
        Assert.False(defaults.TryGetProperty("duo_chat_multi_thread", out _));
        Assert.False(defaults.TryGetProperty("snapshot_flag", out _));

        Assert.Equal(["User:ck3g", "User:lulalala"], root.GetProperty("groups").GetProperty("gitlab_team_members").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Alias_names_the_environment_and_answers_its_canonical_name()
    {
        using var response = await factory.CreateBearerClient().GetAsync("/api/v1/environments/gstg/snapshot", Cancel);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("staging", body.RootElement.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Etag_answers_304_until_a_change_moves_it()
    {
        var client = factory.CreateBearerClient();
        using var first = await client.GetAsync("/api/v1/environments/ops/snapshot", Cancel);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/environments/ops/snapshot");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Cancel));

        await factory.ChangeAsync("ops", "snapshot_etag_flag", GateOperation.EnableBoolean());

        using var afterChange = new HttpRequestMessage(HttpMethod.Get, "/api/v1/environments/ops/snapshot");
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(afterChange, Cancel);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("snapshot_etag_flag", await changed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snapshot")]
    [InlineData("stream")]
    public async Task No_token_is_401_a_token_for_other_environments_403_and_an_unknown_environment_404(string endpoint)
    {
        using var anonymous = await factory.CreateClient().GetAsync($"/api/v1/environments/staging/{endpoint}", Cancel);
        using var invalid = await factory.CreateBearerClient("vxl_not_a_token").GetAsync($"/api/v1/environments/staging/{endpoint}", Cancel);
        using var foreign = await factory.CreateBearerClient(ScopedTestTokens.ReadDevAndOps).GetAsync($"/api/v1/environments/gprd/{endpoint}", Cancel);
        using var unknown = await factory.CreateBearerClient().GetAsync($"/api/v1/environments/nowhere/{endpoint}", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("production", await foreign.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var detail = await unknown.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("nowhere", detail, StringComparison.Ordinal);
        Assert.Contains("staging", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scoped_token_reads_its_own_environment()
    {
        using var response = await factory.CreateBearerClient(ScopedTestTokens.ReadStaging).GetAsync("/api/v1/environments/staging/snapshot", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Repeated_requests_share_one_serialized_body_until_the_snapshot_changes()
    {
        var client = factory.CreateBearerClient();
        var first = await client.GetByteArrayAsync("/api/v1/environments/dev/snapshot", Cancel);
        var second = await client.GetByteArrayAsync("/api/v1/environments/dev/snapshot", Cancel);

        Assert.Equal(first, second);
    }
}
