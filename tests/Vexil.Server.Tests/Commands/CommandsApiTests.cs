using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary><c>POST /api/v1/commands</c>, the endpoint the CLI calls.</summary>
public sealed class CommandsApiTests(TokenTestServer server) : IClassFixture<TokenTestServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string? token, object body, string? client = null)
    {
        using var response = await server.Client(token, client).PostAsJsonAsync("/api/v1/commands", body, Cancel);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (response.StatusCode, json);
    }

    [Fact]
    public async Task Without_a_valid_token_the_answer_is_401_problem_details()
    {
        using var anonymous = await server.Client(null).PostAsJsonAsync("/api/v1/commands", new { text = "feature list" }, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var (status, body) = await PostAsync("vxl_wrong", new { text = "feature list" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("The token is not valid (unknown, revoked or expired); create a new one.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Without_text_the_answer_is_400_saying_what_to_send()
    {
        var (status, body) = await PostAsync(VexilServerFactory.AdminToken, new { command = "feature list" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Send a JSON body such as {\"text\": \"feature get duo_chat_multi_thread\"}.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_set_answers_ok_with_text_markdown_and_each_environment()
    {
        var (status, body) = await PostAsync(VexilServerFactory.AdminToken, new { text = "feature set duo_chat_multi_thread 50 --actors --dev --pre" }, "cli");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal(0, body.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("The feature flag value has been updated!\n\ndev\n  Name: duo_chat_multi_thread", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The feature flag value has been updated!\n\n**dev**", body.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        var environments = body.GetProperty("environments").EnumerateArray().ToArray();
        Assert.Equal(["dev", "pre"], environments.Select(e => e.GetProperty("environment").GetString()));
        Assert.All(environments, e => Assert.Equal("changed", e.GetProperty("status").GetString()));
        var fields = environments[0].GetProperty("flag").GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("50", fields["percentage_of_actors"]);
        Assert.Equal("Enabled", fields["State"]);
    }

    [Fact]
    public async Task The_cli_header_records_changes_as_made_through_the_cli_and_others_as_api()
    {
        await PostAsync(ServerTokens.Writer, new { text = "feature set code_suggestions_context true --ops" }, "cli");
        await PostAsync(ServerTokens.Writer, new { text = "feature set code_suggestions_context false --ops" });

        var store = server.Factory.Services.GetRequiredService<IFlagStore>();
        var events = (await store.QueryAuditAsync(new AuditQuery(Flag: "code_suggestions_context", Environment: "ops"), Cancel)).Events;
        Assert.Equal(["api", "cli"], events.Select(e => e.Via));
        Assert.All(events, e => Assert.Equal("ci-writer", e.User));
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.RequestId)));
    }

    [Fact]
    public async Task A_refusal_is_200_with_ok_false_and_exit_code_1()
    {
        var (status, body) = await PostAsync(ServerTokens.Writer, new { text = "feature set duo_chat_multi_thread true --ignore-feature-flag-consistency-check" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(1, body.GetProperty("exitCode").GetInt32());
        Assert.Equal(
            "Unable to proceed because the token 'ci-writer' may not change feature flags on production: use an admin token, or a write token scoped to production.",
            body.GetProperty("text").GetString());
        Assert.Equal("refused", body.GetProperty("environments")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Text_that_is_not_a_command_is_exit_code_2()
    {
        var (_, body) = await PostAsync(ServerTokens.Reader, new { text = "feature set duo_chat_multi_thread 150" });
        Assert.Equal(2, body.GetProperty("exitCode").GetInt32());
        Assert.Equal("The value \"150\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_read_token_may_get_and_list()
    {
        var (_, get) = await PostAsync(ServerTokens.Reader, new { text = "feature get code_suggestions_context --staging" });
        Assert.True(get.GetProperty("ok").GetBoolean());
        Assert.Equal("shown", get.GetProperty("environments")[0].GetProperty("status").GetString());

        var (_, list) = await PostAsync(ServerTokens.Reader, new { text = "feature list --staging" });
        Assert.Equal("staging", list.GetProperty("environments")[0].GetProperty("list").GetProperty("environment").GetString());
    }

    [Fact]
    public async Task An_incident_opened_through_the_api_holds_production_until_it_is_closed()
    {
        var admin = server.Client(VexilServerFactory.AdminToken);
        await PostAsync(VexilServerFactory.AdminToken, new { text = "feature set code_suggestions_context true --staging" });
        using var opened = await admin.PostAsJsonAsync("/api/v1/incidents", new { title = "API latency", severity = 2 }, Cancel);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetInt64();
        try
        {
            var (_, refused) = await PostAsync(ServerTokens.ProductionWriter, new { text = "feature set code_suggestions_context true" });
            Assert.Equal(1, refused.GetProperty("exitCode").GetInt32());
            Assert.EndsWith($"\n- Incident #{id} (severity 2) is open: API latency", refused.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            using var closed = await server.Client(ServerTokens.ProductionWriter).PostAsync($"/api/v1/incidents/{id}/close", null, Cancel);
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var (_, done) = await PostAsync(ServerTokens.ProductionWriter, new { text = "feature set code_suggestions_context true" });
        Assert.True(done.GetProperty("ok").GetBoolean(), done.GetProperty("text").GetString());
    }

    private static class ServerTokens
    {
        public const string Writer = TokenTestServer.WriterToken;
        public const string ProductionWriter = TokenTestServer.ProductionWriterToken;
        public const string Reader = TokenTestServer.ReaderToken;
    }
}
