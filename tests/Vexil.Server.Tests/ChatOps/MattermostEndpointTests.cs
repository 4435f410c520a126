using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary><c>POST /chatops/mattermost</c>: the command's token, the Markdown answer, the same policies.</summary>
public sealed class MattermostEndpointTests
{
    private const string TownSquareId = "fukpskqc3pd4fq6c7r8z8nkyqe";

    private const string Flag = "code_suggestions_context";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_right_token_runs_the_command_and_the_answer_is_markdown()
    {
        await using var server = await ChatTestServer.StartAsync();

        using var response = await server.Client.SendAsync(Request(server, $"run feature set {Flag} true --staging", "town-square", ChatTestServer.MattermostToken), Cancel);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["response_type", "text"], answer.Select(pair => pair.Key));
        Assert.Equal("in_channel", (string?)answer["response_type"]);
        Assert.Equal(
            $"The feature flag value has been updated!\n\n**staging**\n- Name: `{Flag}`\n- State: Enabled\n- Enabled Globally: `true`",
            (string?)answer["text"]);
        var details = (await server.AuditAsync(Flag)).Single()!["details"]!;
        Assert.Equal("mattermost", (string?)details["chat_platform"]);
        Assert.Equal("#town-square", (string?)details["chat_channel"]);
    }

    [Fact]
    public async Task The_token_may_come_in_the_authorization_header()
    {
        await using var server = await ChatTestServer.StartAsync();
        using var request = Request(server, $"run feature get {Flag} --staging", "town-square", token: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", ChatTestServer.MattermostToken);

        using var response = await server.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong-token", "The token does not match; check that Vexil:ChatOps:Mattermost:Token is the slash command's token.")]
    [InlineData(null, "The request carries no token; Mattermost sends the slash command's token with every request.")]
    public async Task A_wrong_or_missing_token_is_refused(string? token, string detail)
    {
        await using var server = await ChatTestServer.StartAsync();

        using var response = await server.Client.SendAsync(Request(server, $"run feature set {Flag} true --staging", "town-square", token), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(detail, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["detail"]);
        Assert.Empty(await server.AuditAsync(Flag));
    }

    [Fact]
    public async Task Without_a_token_configured_the_endpoint_is_off()
    {
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:Mattermost:Token"] = null });

        using var response = await server.Client.SendAsync(Request(server, $"run feature get {Flag}", "town-square", "anything"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Production_changes_only_from_the_production_channel()
    {
        await using var server = await ChatTestServer.StartAsync();

        using var response = await server.Client.SendAsync(Request(server, $"run feature set {Flag} true --production", "town-square", ChatTestServer.MattermostToken), Cancel);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Equal("Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel.", (string?)answer["text"]);
        Assert.Empty(await server.AuditAsync(Flag));
    }

    [Fact]
    public async Task The_production_channel_is_matched_by_its_mattermost_id_not_its_handle()
    {
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:ProductionChannel"] = TownSquareId });
        const string Change = $"run feature set {Flag} true --production --ignore-production-check --ignore-feature-flag-consistency-check";

        // A channel whose handle is "production" but whose id is not the configured one.
        using var impostor = await server.Client.SendAsync(Request(server, Change, "production", ChatTestServer.MattermostToken, channelId: "z9e8kqrxjtbbdmd4o3mr1ysdxh"), Cancel);
        var refused = JsonNode.Parse(await impostor.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal("Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel.", (string?)refused["text"]);
        Assert.Empty(await server.AuditAsync(Flag));

        using var response = await server.Client.SendAsync(Request(server, Change, "town-square", ChatTestServer.MattermostToken), Cancel);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal("The feature flag value has been updated!", ((string?)answer["text"])!.Split('\n')[0]);
        var details = (await server.AuditAsync(Flag)).Single()!["details"]!;
        Assert.Equal(TownSquareId, (string?)details["chat_channel_id"]);
        Assert.Equal("rnina8fuufnhmqkwn8a3ahyd9y", (string?)details["chat_user_id"]);
        Assert.Equal("#town-square", (string?)details["chat_channel"]);
    }

    [Fact]
    public async Task A_field_given_twice_is_refused_instead_of_joined()
    {
        await using var server = await ChatTestServer.StartAsync();
        using var request = Request(server, $"run feature set {Flag} true --staging", "town-square", ChatTestServer.MattermostToken);
        var body = await request.Content!.ReadAsStringAsync(Cancel) + "&text=" + Uri.EscapeDataString($"run feature set {Flag} false --staging");
        request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await server.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "The form body gives 'text' more than once; send each field once, as Slack and Mattermost do.",
            (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["detail"]);
        Assert.Empty(await server.AuditAsync(Flag));
    }

    private static HttpRequestMessage Request(ChatTestServer server, string text, string channel, string? token, string channelId = TownSquareId)
    {
        var fields = new Dictionary<string, string>
        {
            ["channel_id"] = channelId,
            ["channel_name"] = channel,
            ["command"] = "/chatops",
            ["response_url"] = server.Receiver.Url(server.NewResponsePath()),
            ["team_domain"] = "vexil",
            ["team_id"] = "8ihdd4wqutb8ujcyu5ri1zh5fc",
            ["text"] = text,
            ["trigger_id"] = "a3g6nkgdc3yj7juyohqs5hurny",
            ["user_id"] = "rnina8fuufnhmqkwn8a3ahyd9y",
            ["user_name"] = "ck3g",
        };
        if (token is not null)
        {
            fields["token"] = token;
        }

        return new HttpRequestMessage(HttpMethod.Post, "/chatops/mattermost")
        {
            Content = new StringContent(SlackRequests.Form(fields), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }
}
