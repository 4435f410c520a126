using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Api.ChangeStream;

/// <summary>
/// The stream on a real server process (Kestrel, real sockets): a subscriber that stops reading fills its socket and
/// then its queue, and is disconnected rather than holding the writer or growing memory; it resumes with Last-Event-ID.
/// </summary>
public sealed class StreamRealServerTests
{
    private const string Flag = "stream_slow_subscriber";
    private const int Writes = 120;

    [Fact]
    public async Task Subscriber_that_stops_reading_is_disconnected_after_a_gapless_prefix_and_resumes_with_last_event_id()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3)); // a safety net on a busy machine, not a timing assertion
        var cancel = deadline.Token;
        await using var server = await RealServerProcess.StartAsync(
            new Dictionary<string, string> { ["Vexil:Stream:MaxQueuedEvents"] = "10" },
            cancel);
        using var writer = new HttpClient { BaseAddress = server.BaseAddress };
        writer.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);

        // Many long actor ids make every later change event large (it carries the whole state), so a few dozen
        // changes are more than the socket buffers between the server and a subscriber that does not read.
        // (Two writes: a request body is limited to 64 KiB.)
        foreach (var part in new[] { 0, 200 })
        {
            await WriteAsync(writer, string.Join(',', Enumerable.Range(part, 200).Select(i => $"member{i:D4}{new string('x', 200)}")), cancel);
        }

        // A small receive buffer, so the server's socket fills after little data.
        using var slowHandler = new SocketsHttpHandler { ConnectCallback = ConnectWithSmallBufferAsync };
        using var slowClient = new HttpClient(slowHandler) { BaseAddress = server.BaseAddress };
        slowClient.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
        using var slow = await slowClient.GetAsync("/api/v1/environments/staging/stream", HttpCompletionOption.ResponseHeadersRead, cancel);
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);

        long last = 0;
        for (var i = 0; i < Writes; i++)
        {
            last = await WriteAsync(writer, $"late{i}", cancel);
        }

        // Now read: what was buffered arrives, in order and without a gap, and then the stream ends early.
        using var events = new ServerSentEventReader(await slow.Content.ReadAsStreamAsync(cancel));
        var connected = await events.ReadBlockAsync(cancel);
        var expected = long.Parse(connected![0][": connected ".Length..], CultureInfo.InvariantCulture) + 1;
        long received = expected - 1;
        while (await events.ReadBlockAsync(cancel) is { } block)
        {
            if (block[0].StartsWith("id: ", StringComparison.Ordinal))
            {
                received = long.Parse(block[0][4..], CultureInfo.InvariantCulture);
                Assert.Equal(expected++, received);
            }
        }

        Assert.True(received < last, $"The subscriber received every change up to {received} of {last}: it was not disconnected.\n{server.Output}");

        // Reconnecting with the last id received gets the rest, from the server's history.
        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/v1/environments/staging/stream");
        resume.Headers.Add("Last-Event-ID", received.ToString(CultureInfo.InvariantCulture));
        using var resumed = await writer.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead, cancel);
        using var rest = new ServerSentEventReader(await resumed.Content.ReadAsStreamAsync(cancel));
        while (received < last)
        {
            var block = await rest.ReadEventAsync(cancel);
            Assert.Equal("event: change", block[1]);
            Assert.Equal(++received, long.Parse(block[0][4..], CultureInfo.InvariantCulture));
        }
    }

    // Adds users to the flag in staging through the GitLab API and returns the change's sequence from the snapshot.
    private static async Task<long> WriteAsync(HttpClient client, string users, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = "true", ["user"] = users, ["environment"] = "staging", ["force"] = "true" });
        using var response = await client.PostAsync($"/api/v4/features/{Flag}", form, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        using var snapshot = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/environments/staging/snapshot", cancellationToken));
        return snapshot.RootElement.GetProperty("sequence").GetInt64();
    }

    private static async ValueTask<Stream> ConnectWithSmallBufferAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
