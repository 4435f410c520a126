using System.Net;
using System.Text.Json;
using Npgsql;
using Vexil.Testing;

namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// One real server process on the shared PostgreSQL database, named by its PostgreSQL application name (so a test can
/// find its sessions in <c>pg_stat_activity</c>), with an admin client that works in <see cref="Environment"/>.
/// </summary>
internal sealed class Replica : IAsyncDisposable
{
    /// <summary>The environment the tests write to.</summary>
    public const string Environment = "dev";

    private readonly RealServerProcess process;
    private bool disposed;

    private Replica(string name, RealServerProcess process)
    {
        Name = name;
        this.process = process;
        Client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
        Client.DefaultRequestHeaders.Add("X-Vexil-Environment", Environment);
        Observer = new InMemoryReadObserver(Client);
    }

    /// <summary>The application name of its database sessions (its listener is "&lt;name&gt; listener").</summary>
    public string Name { get; }

    /// <summary>An admin client for its API.</summary>
    public HttpClient Client { get; }

    /// <summary>How the tests watch what it serves.</summary>
    public IReplicaObserver Observer { get; }

    /// <summary>Everything the process printed, for failure messages.</summary>
    public string Output => process.Output;

    /// <summary>
    /// Starts a replica on <paramref name="connectionString"/>. It polls only once an hour, so what it learns of other
    /// replicas' writes comes through the change signal and the catch-up after each (re)connect, which is what the tests
    /// are about; it listens again 3 s after losing the signal, and checks leadership every half second.
    /// </summary>
    public static async Task<Replica> StartAsync(string name, string connectionString, CancellationToken cancellationToken, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Vexil:Database:Provider"] = "postgres",
            ["ConnectionStrings:Vexil"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString,
            ["Vexil:Sync:PollInterval"] = "01:00:00",
            ["Vexil:Sync:ReconnectDelay"] = "00:00:03",
            ["Vexil:Sync:MaxReconnectDelay"] = "00:00:03",
            ["Vexil:Leadership:CheckInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new Replica(name, await RealServerProcess.StartAsync(settings, cancellationToken));
    }

    /// <summary><c>POST /api/v4/features/{flag}</c> with <c>value</c> (true, false, or a percentage of time).</summary>
    public Task<HttpResponseMessage> SetAsync(string flag, string value, CancellationToken cancellationToken) =>
        Client.PostAsync($"api/v4/features/{flag}", new FormUrlEncodedContent([new KeyValuePair<string, string>("value", value)]), cancellationToken);

    /// <summary>Sets a flag and fails unless the change was made.</summary>
    public async Task SetOrFailAsync(string flag, string value, CancellationToken cancellationToken)
    {
        using var response = await SetAsync(flag, value, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{Name}: setting {flag} to {value} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary><c>GET /health</c>: the status code and the body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync("health", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>The sequence numbers of the environment's changes in the audit feed, oldest first.</summary>
    public async Task<IReadOnlyList<long>> AuditSequencesAsync(CancellationToken cancellationToken)
    {
        using var page = JsonDocument.Parse(await Client.GetStringAsync($"api/v1/audit?environment={Environment}&pageSize=500", cancellationToken));
        return [.. page.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "change")
            .Select(e => e.GetProperty("sequence").GetInt64())
            .Order()];
    }

    /// <summary>Kills the process (as a crash would: no graceful shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Client.Dispose();
        await process.DisposeAsync();
    }
}
