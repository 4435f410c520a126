using Microsoft.Net.Http.Headers;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// <c>GET /api/v1/environments/{env}/snapshot</c>: everything an SDK needs to evaluate every flag of the environment
/// (persisted states, defaults of defined flags, feature groups, the sequence), from memory, with an ETag.
/// </summary>
internal sealed class SnapshotEndpoint(SnapshotCache snapshots, EnvironmentCatalog environments, SnapshotDocuments documents)
{
    /// <summary>Answers the request.</summary>
    public IResult Handle(HttpContext context, string env)
    {
        if (StreamAccess.Check(context, environments, env, out var denial) is not { } environment)
        {
            return denial!;
        }

        var document = documents.Get(snapshots.Get(environment.Name));
        context.Response.Headers.ETag = document.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        if (Matches(context.Request.Headers.IfNoneMatch.ToString(), document.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(document.Body, "application/json");
    }

    // If-None-Match may list several tags, weak ones (W/"..."), or "*".
    private static bool Matches(string header, string etag)
    {
        if (header.Length == 0)
        {
            return false;
        }

        foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
