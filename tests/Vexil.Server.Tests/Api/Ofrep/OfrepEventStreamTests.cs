using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Snapshots;
using Xunit;
using static Vexil.Server.Tests.Api.Ofrep.OfrepCalls;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepEventStreamTests(OfrepServerFactory factory) : IClassFixture<OfrepServerFactory>
{
    private const string RefetchData = "data: {\"type\":\"refetchEvaluation\"}";

    [Fact]
    public async Task Stream_from_the_bulk_answer_tells_of_a_change_made_through_the_change_service()
    {
        using var deadline = Deadline();
        var requestUri = await EventStreamUriAsync("staging");

        // The ticket is the credential: browsers' EventSource sends no Authorization header.
        using var response = await factory.CreateClient().GetAsync(requestUri, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        Assert.Contains("retry: 5000", (await events.ReadBlockAsync(deadline.Token))!);

        await factory.ChangeAsync("production", "ofrep_events_elsewhere", GateOperation.EnableBoolean());
        var change = await factory.ChangeAsync("staging", "ofrep_events_flag", GateOperation.EnableBoolean());

        var received = await events.ReadEventAsync(deadline.Token);
        Assert.Contains(RefetchData, received);
        Assert.Contains($"id: {change.Sequence}", received);
    }

    [Fact]
    public async Task Header_token_opens_the_stream_too()
    {
        using var deadline = Deadline();
        using var response = await factory.CreateBearerClient().GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        await events.ReadBlockAsync(deadline.Token);

        var change = await factory.ChangeAsync("dev", "ofrep_events_dev", GateOperation.EnableActor("User:1"));

        var received = await events.ReadEventAsync(deadline.Token);
        Assert.Contains($"id: {change.Sequence}", received);
    }

    [Fact]
    public async Task Idle_stream_sends_heartbeat_comments()
    {
        using var deadline = Deadline();
        using var response = await factory.CreateBearerClient().GetAsync("/ofrep/v1/events?environment=pre", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        await events.ReadBlockAsync(deadline.Token);

        var block = await events.ReadBlockAsync(deadline.Token);

        Assert.Equal([": heartbeat"], block);
    }

    [Fact]
    public async Task Reconnecting_client_that_missed_a_change_is_told_at_once()
    {
        using var deadline = Deadline();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ofrep/v1/events?environment=production");
        request.Headers.Add("Last-Event-ID", "999999");
        using var response = await factory.CreateBearerClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        var received = await events.ReadEventAsync(deadline.Token);

        Assert.Contains(RefetchData, received);
    }

    [Fact]
    public async Task Client_that_leaves_is_unsubscribed()
    {
        using var deadline = Deadline();
        var broadcaster = factory.Services.GetRequiredService<ChangeFeed>();
        var before = broadcaster.SubscriberCount;
        var response = await factory.CreateBearerClient().GetAsync("/ofrep/v1/events?environment=ops", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        await events.ReadBlockAsync(deadline.Token);
        Assert.True(broadcaster.SubscriberCount > before);

        events.Dispose();
        response.Dispose();

        while (broadcaster.SubscriberCount > before)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    [Fact]
    public async Task Bad_or_foreign_ticket_is_401_and_no_credentials_is_401()
    {
        var stagingUri = await EventStreamUriAsync("staging");
        var forged = stagingUri[..^4] + "AAAA";
        var elsewhere = stagingUri.Replace("environment=staging", "environment=dev", StringComparison.Ordinal);
        var anonymous = factory.CreateClient();

        using var forgedResponse = await anonymous.GetAsync(forged, TestContext.Current.CancellationToken);
        using var elsewhereResponse = await anonymous.GetAsync(elsewhere, TestContext.Current.CancellationToken);
        using var bare = await anonymous.GetAsync("/ofrep/v1/events?environment=staging", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhereResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
    }

    [Fact]
    public async Task Token_without_read_right_cannot_listen()
    {
        using var response = await factory.CreateBearerClient(ScopedTestTokens.ReadDevAndOps)
            .GetAsync("/ofrep/v1/events?environment=production", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static CancellationTokenSource Deadline()
    {
        // A safety net so a broken stream fails the test instead of hanging it; not a timing assertion.
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(30));
        return source;
    }

    private async Task<string> EventStreamUriAsync(string environment)
    {
        var (_, json, _) = await EvaluateAllAsync(factory.CreateBearerClient(), Body("User:1"), r => r.Headers.Add("X-Vexil-Environment", environment));
        return json.GetProperty("eventStreams")[0].GetProperty("endpoint").Text("requestUri")!;
    }
}
