namespace Vexil.Server.Api.Ofrep;

/// <summary>Maps the OpenFeature Remote Evaluation Protocol (OFREP 0.3.0) endpoints.</summary>
public static class OfrepEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /ofrep/v1/evaluate/flags/{key}</c>, <c>POST /ofrep/v1/evaluate/flags</c> and the event stream
    /// <c>GET /ofrep/v1/events</c>, with the endpoints <c>AddVexilOfrep</c> registered.
    /// </summary>
    public static IEndpointRouteBuilder MapOfrep(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var single = services.GetRequiredService<OfrepSingleEvaluationEndpoint>();
        var bulk = services.GetRequiredService<OfrepBulkEvaluationEndpoint>();
        var events = services.GetRequiredService<OfrepEventStreamEndpoint>();

        endpoints.MapPost("/ofrep/v1/evaluate/flags/{key}", single.HandleAsync)
            .WithTags("OFREP")
            .WithSummary("Evaluates one flag for an evaluation context (OFREP).");
        endpoints.MapPost("/ofrep/v1/evaluate/flags", bulk.HandleAsync)
            .WithTags("OFREP")
            .WithSummary("Evaluates every flag of the environment for an evaluation context (OFREP bulk, with ETag).");
        endpoints.MapGet(OfrepEventStreamEndpoint.Path, events.HandleAsync)
            .WithTags("OFREP")
            .WithSummary("Server-sent events telling OFREP providers to re-fetch when the environment changes.");
        return endpoints;
    }
}
