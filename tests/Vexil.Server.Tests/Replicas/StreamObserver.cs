using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vexil.Testing;

namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// Observes a replica as an SDK does: fetches the environment's snapshot, then follows
/// <c>GET /api/v1/environments/{env}/stream</c> from the snapshot's sequence, applying each change. When the connection
/// ends (dropped by the test, or the replica died) it reconnects with <c>Last-Event-ID</c> set to the last sequence it
/// applied. It records every sequence it applied, so a test can check that nothing was missed or doubled, and every
/// reset. Its view's gates are the stream's state form (as the snapshot writes it), not the native API's.
/// </summary>
internal sealed class StreamObserver : IReplicaObserver, IAsyncDisposable
{
    private readonly string environment;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, string?> states = new(StringComparer.Ordinal);
    private readonly List<long> applied = [];
    private readonly List<string> problems = [];
    private readonly Task loop;
    private Uri baseAddress;
    private CancellationTokenSource connection = new();
    private long sequence;
    private int connections;

    private StreamObserver(Uri baseAddress, string environment)
    {
        this.baseAddress = baseAddress;
        this.environment = environment;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Starts observing the replica at <paramref name="baseAddress"/>; returns once the first snapshot is loaded and the stream is open.</summary>
    public static async Task<StreamObserver> StartAsync(Uri baseAddress, string environment, CancellationToken cancellationToken)
    {
        var observer = new StreamObserver(baseAddress, environment);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref observer.connections) == 0)
        {
            if (DateTime.UtcNow > deadline || observer.loop.IsCompleted)
            {
                throw new InvalidOperationException("The stream did not open within 60 s: " + string.Join("; ", observer.Problems));
            }

            await Task.Delay(50, cancellationToken);
        }

        return observer;
    }

    /// <summary>Every change sequence applied from the stream, in order (a reset starts a new run after its snapshot).</summary>
    public IReadOnlyList<long> Applied
    {
        get
        {
            lock (gate)
            {
                return [.. applied];
            }
        }
    }

    /// <summary>Gaps, duplicates and resets seen, in words.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (gate)
            {
                return [.. problems];
            }
        }
    }

    /// <summary>How many times the stream has been opened.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <inheritdoc />
    public Task<ReplicaView> ViewAsync(string environment, string flag, CancellationToken cancellationToken)
    {
        if (environment != this.environment)
        {
            throw new ArgumentException($"This observer follows {this.environment}, not {environment}.", nameof(environment));
        }

        lock (gate)
        {
            return Task.FromResult(new ReplicaView(sequence, states.GetValueOrDefault(flag)));
        }
    }

    /// <summary>Ends the current connection, as a network drop would; the observer reconnects with <c>Last-Event-ID</c>.</summary>
    public void DropConnection() => Volatile.Read(ref connection).Cancel();

    /// <summary>Follows the replica at a new address from now on (a restarted replica listens on a new port).</summary>
    public void Retarget(Uri address)
    {
        Volatile.Write(ref baseAddress, address);
        DropConnection();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var loaded = false;
        while (!stopping.IsCancellationRequested)
        {
            using var client = new HttpClient { BaseAddress = Volatile.Read(ref baseAddress), Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
            var current = new CancellationTokenSource();
            Volatile.Write(ref connection, current);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(current.Token, stopping.Token);
            try
            {
                if (!loaded)
                {
                    await LoadSnapshotAsync(client, linked.Token);
                    loaded = true;
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/environments/{environment}/stream");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                lock (gate)
                {
                    request.Headers.Add("Last-Event-ID", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref connections);
                await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
                using var reader = new StreamReader(body);
                string? kind = null;
                var data = new List<string>();
                while (await reader.ReadLineAsync(linked.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (kind is not null && data.Count > 0)
                        {
                            await OnEventAsync(client, kind, string.Join('\n', data), linked.Token);
                        }

                        (kind, data) = (null, []);
                    }
                    else if (line.StartsWith("event:", StringComparison.Ordinal))
                    {
                        kind = line["event:".Length..].Trim();
                    }
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        data.Add(line["data:".Length..].TrimStart());
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException && !stopping.IsCancellationRequested)
            {
                // The connection dropped or the replica is away: reconnect (at once after a drop, soon otherwise).
                if (!current.IsCancellationRequested)
                {
                    await Task.Delay(200, stopping.Token);
                }
            }
            finally
            {
                current.Dispose();
            }
        }
    }

    private async Task LoadSnapshotAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var snapshot = JsonDocument.Parse(await client.GetStringAsync($"api/v1/environments/{environment}/snapshot", cancellationToken));
        lock (gate)
        {
            states.Clear();
            foreach (var flag in snapshot.RootElement.GetProperty("flags").EnumerateObject())
            {
                states[flag.Name] = Canonical(flag.Value.GetRawText());
            }

            sequence = snapshot.RootElement.GetProperty("sequence").GetInt64();
        }
    }

    private async Task OnEventAsync(HttpClient client, string kind, string data, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(data);
        var at = json.RootElement.GetProperty("sequence").GetInt64();
        if (kind == "reset")
        {
            lock (gate)
            {
                problems.Add($"reset at {at}: {json.RootElement.GetProperty("reason").GetString()}");
            }

            await LoadSnapshotAsync(client, cancellationToken);
            return;
        }

        if (kind != "change")
        {
            return;
        }

        lock (gate)
        {
            if (at != sequence + 1)
            {
                problems.Add($"change {at} after {sequence}: {(at <= sequence ? "a duplicate" : "a gap")}");
            }

            if (at <= sequence)
            {
                return;
            }

            var state = json.RootElement.GetProperty("state");
            states[json.RootElement.GetProperty("flag").GetString()!] = state.ValueKind == JsonValueKind.Null ? null : Canonical(state.GetRawText());
            sequence = at;
            applied.Add(at);
        }
    }

    // The same state written by the snapshot and by a change event compares equal whatever the spacing.
    private static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString();
}
