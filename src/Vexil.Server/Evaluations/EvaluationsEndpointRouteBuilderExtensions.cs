using Vexil.Server.Evaluations.Api;

namespace Vexil.Server.Evaluations;

/// <summary>Maps every endpoint of the evaluation-counts feature, in one place.</summary>
public static class EvaluationsEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST /api/v1/metrics</c> and <c>GET /api/v1/flags/{name}/evaluations</c>.</summary>
    public static IEndpointRouteBuilder MapVexilEvaluations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapEvaluationsApi();
    }
}
