using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary><c>/api/v1/notifications/deliveries</c> on the real server with its background worker and a local receiver.</summary>
public sealed class DeliveriesApiTests : IAsyncLifetime
{
    private const string Path = "/api/v1/notifications/deliveries";

    private LocalReceiver receiver = null!;
    private VexilServerFactory factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        receiver = await LocalReceiver.StartAsync(Cancel);
        factory = VexilServerFactory.With(new Dictionary<string, string?>
        {
            ["Vexil:Notifications:Webhooks:0:Name"] = "audit-log",
            ["Vexil:Notifications:Webhooks:0:Url"] = receiver.Url("/hooks/audit"),
            ["Vexil:Notifications:Webhooks:0:Secret"] = "s3cret",
            ["Vexil:Notifications:Delivery:PollInterval"] = "0.2",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Admins_see_each_delivery_with_its_status_and_payload()
    {
        using var admin = factory.CreateAdminClient();
        await CommandAsync(admin, "feature set duo_chat_multi_thread true --dev");
        await receiver.NextAsync("/hooks/audit", Cancel);
        var delivered = await WaitForAsync(admin, "delivered");

        Assert.Equal(
            ("dev", "duo_chat_multi_thread", "webhook", "webhook:audit-log", 1, 200),
            ((string?)delivered["environment"], (string?)delivered["flag"], (string?)delivered["kind"], (string?)delivered["target"], (int)delivered["attempts"]!, (int)delivered["lastStatusCode"]!));
        Assert.Null(delivered["payload"]);
        var one = await admin.GetFromJsonAsync<JsonObject>($"{Path}/{delivered["id"]}", Cancel);
        Assert.Equal("flag.changed", (string?)JsonNode.Parse((string)one!["payload"]!)!["event"]);
        Assert.Equal(0, (int)(await admin.GetFromJsonAsync<JsonObject>($"{Path}?status=dead_lettered", Cancel))!["total"]!);
    }

    [Fact]
    public async Task A_dead_lettered_delivery_can_be_retried()
    {
        receiver.Respond("/hooks/audit", new ReceiverAnswer(410, "gone"));
        using var admin = factory.CreateAdminClient();
        await CommandAsync(admin, "feature set duo_chat_multi_thread true --dev");
        var dead = await WaitForAsync(admin, "dead_lettered");
        Assert.Equal("HTTP 410 Gone: gone", (string?)dead["lastError"]);

        receiver.Respond("/hooks/audit", new ReceiverAnswer());
        using var retry = await admin.PostAsync($"{Path}/{dead["id"]}/retry", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var requeued = (await retry.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal(("pending", 0), ((string?)requeued["status"], (int)requeued["attempts"]!));
        Assert.Equal((long)dead["id"]!, (long)(await WaitForAsync(admin, "delivered"))["id"]!);
        using var again = await admin.PostAsync($"{Path}/{dead["id"]}/retry", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Errors_are_problem_details_saying_what_to_do()
    {
        using var anonymous = factory.CreateClient();
        using var admin = factory.CreateAdminClient();
        var (_, readToken) = await TokenApi.CreateAsync(admin, "dashboard", "read");
        using var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Add("PRIVATE-TOKEN", readToken);

        await ExpectProblemAsync(await anonymous.GetAsync(Path, Cancel), HttpStatusCode.Unauthorized, "This needs an admin token");
        await ExpectProblemAsync(await reader.GetAsync(Path, Cancel), HttpStatusCode.Forbidden, "This needs an admin token; 'dashboard' is a read token");
        await ExpectProblemAsync(await admin.GetAsync($"{Path}?status=failed", Cancel), HttpStatusCode.BadRequest, "status is 'failed'; use pending, delivered or dead_lettered, or leave it out for all.");
        await ExpectProblemAsync(await admin.GetAsync($"{Path}?pageSize=500", Cancel), HttpStatusCode.BadRequest, "page starts at 1 and pageSize is 1 to 200.");
        await ExpectProblemAsync(await admin.GetAsync($"{Path}/999", Cancel), HttpStatusCode.NotFound, "There is no delivery 999");
        await ExpectProblemAsync(await admin.PostAsync($"{Path}/999/retry", null, Cancel), HttpStatusCode.NotFound, "There is no delivery 999");
    }

    private static async Task CommandAsync(HttpClient admin, string text)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/commands", new { text }, Cancel);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(Cancel);
        Assert.True((bool)answer!["ok"]!, answer.ToJsonString());
    }

    // The worker sends in the background; the list shows the outcome once it is recorded.
    private static async Task<JsonObject> WaitForAsync(HttpClient admin, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var page = await admin.GetFromJsonAsync<JsonObject>($"{Path}?status={status}", Cancel);
            if (page!["deliveries"]!.AsArray().FirstOrDefault() is JsonObject delivery)
            {
                return delivery;
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException($"No delivery became {status}.");
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["detail"], StringComparison.Ordinal);
        }
    }
}
