using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Api.ChangeStream;

public sealed class StreamEndpointTests(StreamServerFactory factory) : IClassFixture<StreamServerFactory>
{
    [Fact]
    public async Task Stream_opens_with_the_current_sequence_then_sends_each_change_with_its_state()
    {
        using var deadline = Deadline();
        var current = factory.Services.GetRequiredService<SnapshotCache>().Get("staging").Sequence;
        using var stream = await OpenAsync("/api/v1/environments/staging/stream", null, deadline.Token);
        Assert.Equal([$": connected {current}"], await stream.Events.ReadBlockAsync(deadline.Token));

        await factory.ChangeAsync("production", "stream_elsewhere", GateOperation.EnableBoolean());
        var enabled = await factory.ChangeAsync("staging", "stream_flag", GateOperation.EnableActor("User:7"));
        var removed = await factory.DeleteAsync("staging", "stream_flag");

        var first = await stream.Events.ReadEventAsync(deadline.Token);
        Assert.Equal($"id: {enabled.Sequence}", first[0]);
        Assert.Equal("event: change", first[1]);
        using (var data = Data(first))
        {
            Assert.Equal(enabled.Sequence, data.RootElement.GetProperty("sequence").GetInt64());
            Assert.Equal("stream_flag", data.RootElement.GetProperty("flag").GetString());
            Assert.Equal(["User:7"], data.RootElement.GetProperty("state").GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal("0", data.RootElement.GetProperty("state").GetProperty("percentage_of_time").GetString());
        }

        var second = await stream.Events.ReadEventAsync(deadline.Token);
        Assert.Equal($"id: {removed.Sequence}", second[0]);
        using (var data = Data(second))
        {
            Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("state").ValueKind);
        }
    }

    [Fact]
    public async Task Last_event_id_resumes_with_every_later_change_once_then_live_ones()
    {
        using var deadline = Deadline();
        var start = await factory.ChangeAsync("dev", "stream_resume", GateOperation.EnableActor("User:1"));
        var missed = new List<long>();
        for (var i = 2; i <= 4; i++)
        {
            missed.Add((await factory.ChangeAsync("dev", "stream_resume", GateOperation.EnableActor($"User:{i}"))).Sequence);
        }

        using var header = await OpenAsync("/api/v1/environments/dev/stream", start.Sequence, deadline.Token);
        using var query = await OpenAsync($"/api/v1/environments/dev/stream?lastEventId={start.Sequence}", null, deadline.Token);
        var live = await factory.ChangeAsync("dev", "stream_resume", GateOperation.EnableActor("User:5"));

        foreach (var stream in new[] { header, query })
        {
            var ids = new List<long>();
            while (ids.Count < 4)
            {
                ids.Add(Id(await stream.Events.ReadEventAsync(deadline.Token)));
            }

            Assert.Equal([.. missed, live.Sequence], ids);
        }
    }

    [Fact]
    public async Task Resuming_from_before_the_kept_history_or_from_ahead_of_the_environment_sends_a_reset()
    {
        using var deadline = Deadline();
        var old = await factory.ChangeAsync("ops", "stream_history", GateOperation.EnableActor("User:0"));
        AuditEvent last = old;
        for (var i = 1; i <= StreamServerFactory.History + 2; i++)
        {
            last = await factory.ChangeAsync("ops", "stream_history", GateOperation.EnableActor($"User:{i}"));
        }

        using var tooOld = await OpenAsync("/api/v1/environments/ops/stream", old.Sequence, deadline.Token);
        using var ahead = await OpenAsync("/api/v1/environments/ops/stream", last.Sequence + 100, deadline.Token);

        foreach (var stream in new[] { tooOld, ahead })
        {
            var reset = await stream.Events.ReadEventAsync(deadline.Token);
            Assert.Equal("event: reset", reset[0]);
            using var data = Data(reset);
            Assert.Equal(last.Sequence, data.RootElement.GetProperty("sequence").GetInt64());
            Assert.False(string.IsNullOrWhiteSpace(data.RootElement.GetProperty("reason").GetString()));
        }

        // After a reset the stream goes on with the changes after the reset's sequence.
        var next = await factory.ChangeAsync("ops", "stream_history", GateOperation.EnableBoolean());
        Assert.Equal(next.Sequence, Id(await tooOld.Events.ReadEventAsync(deadline.Token)));
    }

    [Fact]
    public async Task Idle_stream_sends_heartbeat_comments()
    {
        using var deadline = Deadline();
        using var stream = await OpenAsync("/api/v1/environments/pre/stream", null, deadline.Token);
        await stream.Events.ReadBlockAsync(deadline.Token);

        Assert.Equal([": heartbeat"], await stream.Events.ReadBlockAsync(deadline.Token));
    }

    [Fact]
    public async Task A_last_event_id_that_is_not_a_number_is_refused_with_what_to_send()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/environments/dev/stream");
        request.Headers.Add("Last-Event-ID", "abc");
        using var response = await factory.CreateBearerClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'abc'", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<OpenStream> OpenAsync(string path, long? lastEventId, CancellationToken cancellationToken, string token = StreamServerFactory.AdminToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await factory.CreateBearerClient(token).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new OpenStream(request, response, new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    private static long Id(IReadOnlyList<string> block) =>
        long.Parse(block.Single(line => line.StartsWith("id: ", StringComparison.Ordinal))[4..], System.Globalization.CultureInfo.InvariantCulture);

    private static JsonDocument Data(IReadOnlyList<string> block) =>
        JsonDocument.Parse(block.Single(line => line.StartsWith("data: ", StringComparison.Ordinal))[6..]);

    private static CancellationTokenSource Deadline()
    {
        // A safety net so a broken stream fails the test instead of hanging it; not a timing assertion.
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(30));
        return source;
    }

    private sealed record OpenStream(HttpRequestMessage Request, HttpResponseMessage Response, ServerSentEventReader Events) : IDisposable
    {
        public void Dispose()
        {
            Events.Dispose();
            Response.Dispose();
            Request.Dispose();
        }
    }
}
