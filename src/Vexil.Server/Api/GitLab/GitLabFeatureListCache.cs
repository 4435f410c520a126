using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Vexil.Core.Evaluation;
using Vexil.Server.Definitions;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// The serialized <c>GET /api/v4/features</c> answer of each snapshot. Snapshots are immutable and replaced on every
/// change, so an answer keyed by the snapshot (and the definitions it was rendered with) can never go stale; once the
/// snapshot is replaced and dropped, its entry goes with it. Scripts that poll the list then cost a memory copy
/// instead of serializing 10,000 flags each time.
/// </summary>
internal static class GitLabFeatureListCache
{
    private static readonly ConditionalWeakTable<FlagSnapshot, Rendered> Answers = new();

    /// <summary>The answer's bytes for this snapshot and catalog, rendering them on first use.</summary>
    public static async ValueTask<byte[]> GetAsync(FlagSnapshot snapshot, DefinitionCatalog catalog, CancellationToken cancellationToken)
    {
        if (Answers.TryGetValue(snapshot, out var rendered) && ReferenceEquals(rendered.Catalog, catalog))
        {
            return rendered.Body;
        }

        using var buffer = new MemoryStream();
        var writer = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        await GitLabFeatureJson.WriteFeatureListAsync(writer, snapshot, catalog, cancellationToken);
        await writer.CompleteAsync();
        var body = buffer.ToArray();

        // Two requests may render the same snapshot at once; either result is correct, so the last one simply wins.
        Answers.AddOrUpdate(snapshot, new Rendered(catalog, body));
        return body;
    }

    private sealed record Rendered(DefinitionCatalog Catalog, byte[] Body);
}
