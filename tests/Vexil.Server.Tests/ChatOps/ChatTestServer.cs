using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>
/// The server in-process with Slack and Mattermost configured, and a <see cref="LocalReceiver"/> that plays
/// <c>response_url</c> (http on loopback, hence <c>AllowHttpResponseUrl</c>).
/// </summary>
internal sealed class ChatTestServer : IAsyncDisposable
{
    public const string MattermostToken = "mm-test-token-4f7c";

    private int responses;

    private ChatTestServer(VexilServerFactory factory, LocalReceiver receiver)
    {
        Factory = factory;
        Receiver = receiver;
        Client = factory.CreateClient();
    }

    public VexilServerFactory Factory { get; }

    public LocalReceiver Receiver { get; }

    public HttpClient Client { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ChatTestServer> StartAsync(Func<LocalReceiver, IDictionary<string, string?>>? settings = null)
    {
        var receiver = await LocalReceiver.StartAsync(Cancel);
        var values = new Dictionary<string, string?>
        {
            ["Vexil:ChatOps:Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Vexil:ChatOps:Slack:AllowHttpResponseUrl"] = "true",
            ["Vexil:ChatOps:Mattermost:Token"] = MattermostToken,
            ["Vexil:ChatOps:Mattermost:AllowHttpResponseUrl"] = "true",
            ["Vexil:ChatOps:ProductionChannel"] = SlackRequests.ProductionChannelId,
        };
        foreach (var (key, value) in settings?.Invoke(receiver) ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ChatTestServer(VexilServerFactory.With(values), receiver);
    }

    /// <summary>A fresh response_url path on the receiver.</summary>
    public string NewResponsePath() => $"/respond/{Interlocked.Increment(ref responses)}";

    /// <summary>Sends a signed Slack slash command and returns the HTTP answer's status and JSON.</summary>
    public Task<(int Status, JsonObject Body)> SlackAsync(string text, string channel, string user, string responsePath) =>
        SendAsync(Client, SlackRequests.Signed(SlackRequests.Body(text, channel, user, Receiver.Url(responsePath))));

    /// <summary>Sends a request through <paramref name="client"/> and returns the HTTP answer's status and JSON.</summary>
    public static async Task<(int Status, JsonObject Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, Cancel);
            return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject());
        }
    }

    /// <summary>The audit events of a flag, newest first.</summary>
    public async Task<JsonArray> AuditAsync(string flag)
    {
        using var admin = Factory.CreateAdminClient();
        var page = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/audit?flag={flag}", Cancel);
        return page!["events"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
