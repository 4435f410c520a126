using System.Text.Json;

namespace Vexil.Server.Tests.Replicas;

/// <summary>
/// Observes a replica through reads served from its in-memory snapshots (no database): the environment's sequence from
/// <c>GET /api/v1/environments</c> and the flag's gates from <c>GET /api/v1/flags/{name}</c>. The two reads are not one
/// snapshot, so callers wait for the view they expect rather than compare a single read.
/// </summary>
internal sealed class InMemoryReadObserver(HttpClient client) : IReplicaObserver
{
    /// <inheritdoc />
    public async Task<ReplicaView> ViewAsync(string environment, string flag, CancellationToken cancellationToken)
    {
        long sequence;
        using (var environments = JsonDocument.Parse(await client.GetStringAsync("api/v1/environments", cancellationToken)))
        {
            sequence = environments.RootElement.EnumerateArray()
                .Single(e => e.GetProperty("name").GetString() == environment)
                .GetProperty("sequence").GetInt64();
        }

        using var row = JsonDocument.Parse(await client.GetStringAsync($"api/v1/flags/{flag}", cancellationToken));
        var cell = row.RootElement.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("environment").GetString() == environment);
        var gates = cell.GetProperty("gates");
        return new ReplicaView(sequence, gates.ValueKind == JsonValueKind.Null ? null : gates.GetRawText());
    }
}
