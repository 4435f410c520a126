using System.Net;
using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Xunit;
using static Vexil.Server.Tests.Api.Ofrep.OfrepCalls;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepSingleEvaluationTests(OfrepServerFactory factory) : IClassFixture<OfrepServerFactory>
{
    private readonly HttpClient client = factory.CreateBearerClient();

    [Fact]
    public async Task Flag_on_for_everyone_is_static_and_on()
    {
        await factory.ChangeAsync("production", "ofrep_single_static", GateOperation.EnableBoolean());

        var (status, json, _) = await EvaluateAsync(client, "ofrep_single_static", Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ofrep_single_static", json.Text("key"));
        Assert.True(json.GetProperty("value").GetBoolean());
        Assert.Equal("STATIC", json.Text("reason"));
        Assert.Equal("on", json.Text("variant"));
    }

    [Fact]
    public async Task Hundred_percent_of_time_is_on_for_everyone_so_static()
    {
        await factory.ChangeAsync("production", "ofrep_single_time_full", GateOperation.SetPercentageOfTime(Percentage.Full));

        var (_, json, _) = await EvaluateAsync(client, "ofrep_single_time_full", Body(null));

        Assert.True(json.GetProperty("value").GetBoolean());
        Assert.Equal("STATIC", json.Text("reason"));
    }

    [Fact]
    public async Task Stored_off_flag_is_disabled()
    {
        await factory.ChangeAsync("production", "ofrep_single_disabled", GateOperation.DisableBoolean());

        var (status, json, _) = await EvaluateAsync(client, "ofrep_single_disabled", Body("User:1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.GetProperty("value").GetBoolean());
        Assert.Equal("DISABLED", json.Text("reason"));
        Assert.Equal("off", json.Text("variant"));
    }

    [Fact]
    public async Task Actor_gate_is_a_targeting_match_for_listed_actors_and_others()
    {
        await factory.ChangeAsync("production", "ofrep_single_actor", GateOperation.EnableActor("User:42"));

        var (_, listed, _) = await EvaluateAsync(client, "ofrep_single_actor", Body("User:42"));
        var (_, other, _) = await EvaluateAsync(client, "ofrep_single_actor", Body("User:43"));

        Assert.True(listed.GetProperty("value").GetBoolean());
        Assert.Equal("TARGETING_MATCH", listed.Text("reason"));
        Assert.False(other.GetProperty("value").GetBoolean());
        Assert.Equal("TARGETING_MATCH", other.Text("reason"));
        Assert.Equal("off", other.Text("variant"));
    }

    [Fact]
    public async Task Feature_group_member_is_a_targeting_match()
    {
        await factory.ChangeAsync("production", "ofrep_single_group", GateOperation.EnableGroup("gitlab_team_members"));

        var (_, member, _) = await EvaluateAsync(client, "ofrep_single_group", Body("User:lulalala"));
        var (_, outsider, _) = await EvaluateAsync(client, "ofrep_single_group", Body("User:someone"));

        Assert.True(member.GetProperty("value").GetBoolean());
        Assert.Equal("TARGETING_MATCH", member.Text("reason"));
        Assert.False(outsider.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Opted_out_actor_is_off_as_a_targeting_match_whatever_the_percentage()
    {
        await factory.ChangeAsync(
            "production",
            "ofrep_single_opt_out",
            GateOperation.SetPercentageOfActors(Percentage.Full),
            GateOperation.OptOut("User:7"));

        var (_, optedOut, _) = await EvaluateAsync(client, "ofrep_single_opt_out", Body("User:7"));
        var (_, other, _) = await EvaluateAsync(client, "ofrep_single_opt_out", Body("User:8"));

        Assert.False(optedOut.GetProperty("value").GetBoolean());
        Assert.Equal("TARGETING_MATCH", optedOut.Text("reason"));
        Assert.True(other.GetProperty("value").GetBoolean());
        Assert.Equal("SPLIT", other.Text("reason"));
    }

    [Fact]
    public async Task Percentage_of_actors_splits_exactly_as_the_engine_buckets()
    {
        const string Flag = "ofrep_single_split";
        await factory.ChangeAsync("production", Flag, GateOperation.SetPercentageOfActors(Percentage.Parse("50")));

        var inside = 0;
        for (var i = 1; i <= 60; i++)
        {
            var actor = $"User:{i}";
            var expected = PercentageOfActorsGate.Bucket(Flag, [actor]) < 50_000;
            var (_, json, _) = await EvaluateAsync(client, Flag, Body(actor));
            Assert.Equal(expected, json.GetProperty("value").GetBoolean());
            Assert.Equal("SPLIT", json.Text("reason")); // both sides of a split
            inside += expected ? 1 : 0;
        }

        Assert.InRange(inside, 1, 59); // both sides of the split were exercised
    }

    [Fact]
    public async Task Percentage_flag_without_a_targeting_key_is_off()
    {
        await factory.ChangeAsync("production", "ofrep_single_no_actor", GateOperation.SetPercentageOfActors(Percentage.Full));

        var (status, json, _) = await EvaluateAsync(client, "ofrep_single_no_actor", "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.GetProperty("value").GetBoolean());
        Assert.Equal("SPLIT", json.Text("reason"));
    }

    [Fact]
    public async Task Defined_flag_without_state_answers_its_definition_default()
    {
        var (_, on, _) = await EvaluateAsync(client, OfrepServerFactory.DefaultOnFlag, Body("User:1"));
        var (_, off, _) = await EvaluateAsync(client, OfrepServerFactory.ExampleFlag, Body("User:1"));

        Assert.True(on.GetProperty("value").GetBoolean());
        Assert.Equal("STATIC", on.Text("reason")); // OFREP 0.3.0 has no DEFAULT
        Assert.Equal("on", on.Text("variant"));
        Assert.False(off.GetProperty("value").GetBoolean());
        Assert.Equal("STATIC", off.Text("reason"));
    }

    [Fact]
    public async Task Metadata_carries_the_definition_and_the_environment()
    {
        var (_, json, response) = await EvaluateAsync(client, OfrepServerFactory.ExampleFlag, Body("User:1"));

        var metadata = json.GetProperty("metadata");
        Assert.Equal("beta", metadata.Text("type"));
        Assert.Equal("group::duo chat", metadata.Text("group"));
        Assert.Equal("17.9", metadata.Text("milestone"));
        Assert.Equal("production", metadata.Text("environment"));
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_flag_without_definition_has_only_the_environment_as_metadata()
    {
        await factory.ChangeAsync("production", "ofrep_single_undefined", GateOperation.EnableBoolean());

        var (_, json, _) = await EvaluateAsync(client, "ofrep_single_undefined", Body("User:1"));

        var metadata = json.GetProperty("metadata");
        Assert.Equal("production", metadata.Text("environment"));
        Assert.False(metadata.TryGetProperty("type", out _));
    }

    [Fact]
    public async Task Unknown_flag_is_404_flag_not_found()
    {
        var (status, json, _) = await EvaluateAsync(client, "ofrep_no_such_flag", Body("User:1"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("ofrep_no_such_flag", json.Text("key"));
        Assert.Equal("FLAG_NOT_FOUND", json.Text("errorCode"));
        Assert.Contains("ofrep_no_such_flag", json.Text("errorDetails"), StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("value", out _));
    }

    [Theory]
    [InlineData("", "PARSE_ERROR")]
    [InlineData("{\"context\":", "PARSE_ERROR")]
    [InlineData("not json", "PARSE_ERROR")]
    [InlineData("[]", "PARSE_ERROR")]
    [InlineData("{\"context\":{}} {}", "PARSE_ERROR")]
    [InlineData("{\"context\":5}", "INVALID_CONTEXT")]
    [InlineData("{\"context\":{\"targetingKey\":42}}", "INVALID_CONTEXT")]
    [InlineData("{\"context\":{\"targetingKey\":\"User:1\",\"actors\":\"Project:1\"}}", "INVALID_CONTEXT")]
    [InlineData("{\"context\":{\"actors\":[\"Project:1\",7]}}", "INVALID_CONTEXT")]
    [InlineData("{\"context\":{\"actors\":[\"\"]}}", "INVALID_CONTEXT")]
    [InlineData("{\"context\":{\"targetingKey\":\"User:\\u0001\"}}", "INVALID_CONTEXT")]
    public async Task Bad_bodies_are_400_with_the_spec_error_shape(string body, string errorCode)
    {
        var (status, json, _) = await EvaluateAsync(client, OfrepServerFactory.ExampleFlag, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(OfrepServerFactory.ExampleFlag, json.Text("key"));
        Assert.Equal(errorCode, json.Text("errorCode"));
        Assert.False(string.IsNullOrWhiteSpace(json.Text("errorDetails")));
    }

    [Fact]
    public async Task Too_many_actors_is_invalid_context_naming_the_limit()
    {
        var actors = Enumerable.Range(1, 64).Select(i => $"Project:{i}").ToArray();

        var (status, json, _) = await EvaluateAsync(client, OfrepServerFactory.ExampleFlag, Body("User:1", actors));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_CONTEXT", json.Text("errorCode"));
        Assert.Contains("64", json.Text("errorDetails"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_actors_add_actors_to_the_targeting_key()
    {
        await factory.ChangeAsync("production", "ofrep_single_multi", GateOperation.EnableActor("Project:gitlab-org/gitlab"));

        var (_, withProject, _) = await EvaluateAsync(client, "ofrep_single_multi", Body("User:1", "Group:9970", "Project:gitlab-org/gitlab"));
        var (_, withoutProject, _) = await EvaluateAsync(client, "ofrep_single_multi", Body("User:1", "Group:9970"));
        var (_, onlyActors, _) = await EvaluateAsync(client, "ofrep_single_multi", Body(null, "Project:gitlab-org/gitlab"));

        Assert.True(withProject.GetProperty("value").GetBoolean());
        Assert.Equal("TARGETING_MATCH", withProject.Text("reason"));
        Assert.False(withoutProject.GetProperty("value").GetBoolean());
        Assert.True(onlyActors.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Several_actors_bucket_together_as_flipper_does()
    {
        const string Flag = "ofrep_single_multi_split";
        await factory.ChangeAsync("production", Flag, GateOperation.SetPercentageOfActors(Percentage.Parse("50")));

        for (var i = 1; i <= 20; i++)
        {
            string[] actors = [$"User:{i}", $"Project:{i * 7}"];
            var expected = PercentageOfActorsGate.Bucket(Flag, actors) < 50_000;
            var (_, json, _) = await EvaluateAsync(client, Flag, Body(actors[0], actors[1]));
            Assert.Equal(expected, json.GetProperty("value").GetBoolean());
        }
    }

    [Fact]
    public async Task Other_context_attributes_are_ignored()
    {
        await factory.ChangeAsync("production", "ofrep_single_attributes", GateOperation.EnableActor("User:5"));
        var body = """
            {"flagKey":"x","context":{"email":"a@example.com","nested":{"deep":[1,{"a":null}]},"targetingKey":"User:5","plan":"premium","n":1.5,"ok":true}}
            """;

        var (status, json, _) = await EvaluateAsync(client, "ofrep_single_attributes", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Empty_targeting_key_means_no_actor()
    {
        await factory.ChangeAsync("production", "ofrep_single_empty_key", GateOperation.SetPercentageOfActors(Percentage.Full));

        var (status, json, _) = await EvaluateAsync(client, "ofrep_single_empty_key", "{\"context\":{\"targetingKey\":\"\"}}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Answer_has_exactly_the_documented_properties()
    {
        var (_, json, _) = await EvaluateAsync(client, OfrepServerFactory.ExampleFlag, Body("User:1"));

        var names = json.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["key", "value", "reason", "variant", "metadata"], names);
        Assert.Equal(JsonValueKind.False, json.GetProperty("value").ValueKind);
    }
}
