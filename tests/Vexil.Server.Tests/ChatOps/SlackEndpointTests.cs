using System.Net;
using System.Text.Json.Nodes;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary><c>POST /chatops/slack</c> in-process: authentication, the answer, the audit, and the acknowledge-then-answer flow.</summary>
public sealed class SlackEndpointTests
{
    private const string Flag = "duo_chat_multi_thread";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_command_runs_and_answers_in_the_channel()
    {
        await using var server = await ChatTestServer.StartAsync();

        var (status, answer) = await server.SlackAsync($"run feature set {Flag} 50 --actors --staging", "g_duo_chat", "shinya.maeda", server.NewResponsePath());

        Assert.Equal(200, status);
        Assert.Equal("in_channel", (string?)answer["response_type"]);
        Assert.Equal("The feature flag value has been updated!", (string?)answer["text"]);
        Assert.Equal("Host: staging", (string?)answer["attachments"]![0]!["footer"]);

        var change = (await server.AuditAsync(Flag)).Single()!;
        Assert.Equal("shinya.maeda", (string?)change["user"]);
        Assert.Equal("chat", (string?)change["via"]);
        Assert.Equal("#g_duo_chat", (string?)change["from"]);
        var details = change["details"]!;
        Assert.Equal($"feature set {Flag} 50 --actors --staging", (string?)details["command"]);
        Assert.Equal("slack", (string?)details["chat_platform"]);
        Assert.Equal("USHINYAMAEDA", (string?)details["chat_user_id"]);
        Assert.Equal("CGDUOCHAT", (string?)details["chat_channel_id"]);
        Assert.Equal("vexil-test", (string?)details["chat_team"]);
        Assert.Equal("#g_duo_chat", (string?)details["chat_channel"]);
    }

    [Fact]
    public async Task Unsigned_badly_signed_stale_and_wrongly_keyed_requests_are_refused_and_change_nothing()
    {
        await using var server = await ChatTestServer.StartAsync();
        var body = SlackRequests.Body($"run feature set {Flag} true --staging", "g_duo_chat", "ck3g", server.Receiver.Url("/respond/x"));
        var tampered = SlackRequests.Signed(body);
        tampered.Content = new StringContent(body.Replace("ck3g", "lulalala", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var cases = new (HttpRequestMessage Request, string Detail)[]
        {
            (SlackRequests.Unsigned(body), "The request is not signed"),
            (tampered, "The signature does not match"),
            (SlackRequests.Signed(body, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6)), "more than 5 minutes ago"),
            (SlackRequests.Signed(body, signedAt: DateTimeOffset.UtcNow.AddMinutes(6)), "more than 5 minutes in the future"),
            (SlackRequests.Signed(body, secret: "another-apps-secret"), "The signature does not match"),
        };
        foreach (var (request, detail) in cases)
        {
            using (request)
            using (var response = await server.Client.SendAsync(request, Cancel))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
                Assert.Contains(detail, (string?)problem["detail"], StringComparison.Ordinal);
            }
        }

        Assert.Empty(await server.AuditAsync(Flag));
        Assert.Empty(server.Receiver.All);
    }

    [Fact]
    public async Task Without_a_signing_secret_the_endpoint_is_off_and_says_how_to_turn_it_on()
    {
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:Slack:SigningSecret"] = null });
        var body = SlackRequests.Body($"run feature set {Flag} true --staging", "g_duo_chat", "ck3g", server.Receiver.Url("/respond/x"));

        using var response = await server.Client.SendAsync(SlackRequests.Unsigned(body), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal("Set Vexil:ChatOps:Slack:SigningSecret to turn on this endpoint; without it, requests cannot be authenticated and none are accepted.", (string?)problem["detail"]);
        Assert.Empty(await server.AuditAsync(Flag));
    }

    [Fact]
    public async Task An_http_response_url_is_refused_before_anything_runs_unless_allowed()
    {
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:Slack:AllowHttpResponseUrl"] = "false" });

        var (status, answer) = await server.SlackAsync($"run feature set {Flag} true --staging", "g_duo_chat", "ck3g", server.NewResponsePath());

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains("set Vexil:ChatOps:Slack:AllowHttpResponseUrl to true", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Empty(await server.AuditAsync(Flag));
    }

    [Fact]
    public async Task Slack_escaping_is_undone_before_the_command_runs()
    {
        await using var server = await ChatTestServer.StartAsync();

        var (_, answer) = await server.SlackAsync("run feature list --match=&lt;nothing&gt;&amp; --staging", "g_duo_chat", "ck3g", server.NewResponsePath());

        Assert.Equal("0 enabled features on staging", (string?)answer["attachments"]![0]!["footer"]);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
    }

    [Fact]
    public async Task A_production_check_is_acknowledged_at_once_and_the_answer_follows_on_response_url()
    {
        var check = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ChatTestServer.StartAsync(receiver =>
        {
            receiver.Respond("/check", async _ =>
            {
                await check.Task;
                return ReceiverAnswer.Json("""{"safe": true}""");
            });
            return new Dictionary<string, string?> { ["Vexil:ProductionCheck:Url"] = receiver.Url("/check") };
        });
        Assert.Equal(200, (await server.SlackAsync($"run feature set {Flag} true --staging", "g_duo_chat", "ck3g", server.NewResponsePath())).Status);
        var responsePath = server.NewResponsePath();

        var (status, acknowledgement) = await server.SlackAsync($"run feature set {Flag} true", "production", "ck3g", responsePath);

        Assert.Equal(200, status);
        Assert.Equal("in_channel", (string?)acknowledgement["response_type"]);
        Assert.Equal("Production check initiated, this may take up to 300 seconds ...", (string?)acknowledgement["text"]);
        var asked = await server.Receiver.NextAsync("/check", Cancel);
        Assert.Equal(Flag, (string?)asked.Json["flag"]);
        Assert.Empty(server.Receiver.Untaken(responsePath));

        check.SetResult();
        var answer = (await server.Receiver.NextAsync(responsePath, Cancel)).Json;

        Assert.Equal("in_channel", (string?)answer["response_type"]);
        Assert.False((bool)answer["replace_original"]!);
        Assert.Equal("The feature flag value has been updated!", (string?)answer["text"]);
        Assert.Equal("Host: production", (string?)answer["attachments"]![0]!["footer"]);
    }

    [Fact]
    public async Task A_refused_production_check_is_answered_on_response_url_too()
    {
        await using var server = await ChatTestServer.StartAsync(receiver =>
        {
            receiver.Respond("/check", ReceiverAnswer.Json("""{"safe": false, "reasons": ["Deploy in progress"]}"""));
            return new Dictionary<string, string?> { ["Vexil:ProductionCheck:Url"] = receiver.Url("/check"), ["Vexil:ChatOps:AcknowledgeAfter"] = "0" };
        });
        var responsePath = server.NewResponsePath();

        var (_, acknowledgement) = await server.SlackAsync($"run feature set {Flag} true --ignore-feature-flag-consistency-check", "production", "ck3g", responsePath);
        var answer = (await server.Receiver.NextAsync(responsePath, Cancel)).Json;

        // The command runs beside the acknowledgement, so the check's own notice may already be there to show.
        var acknowledged = (string?)acknowledgement["text"];
        Assert.True(
            acknowledged == "Production check initiated, this may take up to 300 seconds ..."
            || acknowledged?.StartsWith("Working on `feature set duo_chat_multi_thread true", StringComparison.Ordinal) == true,
            $"Unexpected acknowledgement: {acknowledged}");
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.StartsWith("Unable to proceed due to production check failure.", (string?)answer["text"], StringComparison.Ordinal);
        Assert.EndsWith("- Deploy in progress", (string?)answer["blocks"]![0]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Empty(await server.AuditAsync(Flag));
    }

    [Fact]
    public async Task With_acknowledge_after_zero_every_command_is_acknowledged_and_answered_later()
    {
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?> { ["Vexil:ChatOps:AcknowledgeAfter"] = "0" });
        var responsePath = server.NewResponsePath();

        var (status, acknowledgement) = await server.SlackAsync($"run feature get {Flag} --staging", "g_duo_chat", "ck3g", responsePath);
        var answer = (await server.Receiver.NextAsync(responsePath, Cancel)).Json;

        Assert.Equal(200, status);
        Assert.Equal($"Working on `feature get {Flag} --staging` ... the answer will follow here.", (string?)acknowledgement["text"]);
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains(("Default", "not set on staging; the definition's default_enabled (false) applies"), answer["attachments"]![0]!["fields"]!.AsArray().Select(f => ((string?)f!["title"], (string?)f["value"])));
    }

    [Fact]
    public async Task Slacks_certificate_check_is_answered_and_runs_nothing()
    {
        await using var server = await ChatTestServer.StartAsync();

        using var response = await server.Client.SendAsync(SlackRequests.Unsigned("ssl_check=1&token=abc"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
