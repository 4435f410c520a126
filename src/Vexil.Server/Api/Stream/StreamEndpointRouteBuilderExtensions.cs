namespace Vexil.Server.Api.ChangeStream;

/// <summary>Maps the snapshot and change-stream endpoints (docs/stream.md).</summary>
public static class StreamEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /api/v1/environments/{env}/snapshot</c> and <c>GET /api/v1/environments/{env}/stream</c>, with the
    /// endpoints <c>AddVexilStream</c> registered.
    /// </summary>
    public static IEndpointRouteBuilder MapVexilStream(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var snapshot = services.GetRequiredService<SnapshotEndpoint>();
        var stream = services.GetRequiredService<StreamEndpoint>();

        endpoints.MapGet("/api/v1/environments/{env}/snapshot", snapshot.Handle)
            .WithTags("Vexil")
            .WithSummary("Everything an SDK needs to evaluate the environment's flags: states, defaults, groups, sequence (ETag).");
        endpoints.MapGet("/api/v1/environments/{env}/stream", stream.HandleAsync)
            .WithTags("Vexil")
            .WithSummary("Server-sent events: one change event per change, resumable with Last-Event-ID; reset means refetch the snapshot.");
        return endpoints;
    }
}
