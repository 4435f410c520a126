using Vexil.Server.Auth;
using Vexil.Server.Storage;

namespace Vexil.Server.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: every instrument in Prometheus's text exposition format, for a metrics or an admin token sent as
/// <c>Authorization: Bearer</c> (Prometheus's <c>authorization</c> setting) or <c>PRIVATE-TOKEN</c>.
/// </summary>
public static class MetricsEndpoint
{
    /// <summary>The scrape path.</summary>
    public const string Path = "/metrics";

    /// <summary>Maps the scrape endpoint behind the token check.</summary>
    public static IEndpointRouteBuilder MapVexilMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(
                Path,
                meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(next => context => Refusal(context) is { } refusal ? refusal.ExecuteAsync(context) : next(context)),
                optionsName: null)
            .WithMetadata(MetricsTokenScope.Instance)
            .WithDisplayName("Prometheus metrics");
        return endpoints;
    }

    /// <summary>The 401 or 403 for a request without a metrics or admin token; null when it may scrape.</summary>
    internal static IResult? Refusal(HttpContext context)
    {
        var principal = context.GetTokenPrincipal();
        if (principal is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var detail = context.PresentedToken()
                ? "The token is not valid: it is unknown, revoked or expired. Send a current metrics or admin token."
                : "Metrics need a metrics or admin token: set Prometheus's scrape 'authorization' to the token (sent as 'Authorization: Bearer <token>'); make one with 'vexil tokens create <name> --kind metrics'.";
            return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return principal.CanScrapeMetrics
            ? null
            : TypedResults.Problem(
                detail: $"Metrics need a metrics or admin token; '{principal.Name}' is a {TokenKinds.ToText(principal.Kind)} token. Make one with 'vexil tokens create <name> --kind metrics'.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden");
    }
}
