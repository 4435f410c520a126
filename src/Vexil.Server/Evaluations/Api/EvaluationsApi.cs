using Microsoft.AspNetCore.Mvc;
using Vexil.Core.Naming;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Evaluations.Api;

/// <summary>
/// Evaluation counts: SDKs report how often each flag answered true and false (<c>POST /api/v1/metrics</c>), and the
/// native API shows, per flag and environment, when it was last evaluated and the totals
/// (<c>GET /api/v1/flags/{name}/evaluations</c>).
/// </summary>
public static class EvaluationsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/metrics", RecordAsync).WithTags("Vexil").WithSummary("SDK evaluation counts for one environment: {environment, flags: {name: {true, false}}, window_start, window_end}.");
        app.MapGet("/api/v1/flags/{name}/evaluations", ShowAsync).WithTags("Vexil").WithSummary("When a flag was last evaluated and its true/false counts, per readable environment.");
        return app;
    }

    private static async Task<IResult> RecordAsync(
        HttpContext http,
        EnvironmentCatalog environments,
        SnapshotCache snapshots,
        IEvaluationCountStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (RequireToken(http) is { } denied)
        {
            return denied;
        }

        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the report as JSON with Content-Type: application/json.");
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        if (EvaluationReport.Parse(body.GetBuffer().AsSpan(0, (int)body.Length), out var error) is not { } report)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid evaluation report", error!);
        }

        if (environments.Resolve(report.Environment) is not { } environment)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid evaluation report", environments.UnknownEnvironmentMessage(report.Environment));
        }

        if (!http.GetTokenPrincipal()!.CanRead(environment))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"This token may not read '{environment.Name}', so it may not report its evaluations; use a token for that environment.");
        }

        // Counts for flags the environment does not know (deleted since, or misspelled in the app) are not stored, so
        // that a client cannot grow the table with names; the answer lists them.
        var snapshot = snapshots.Get(environment.Name);
        var known = report.Flags.Where(flag => snapshot.TryGetFlag(flag.Flag, out _) && flag.TrueCount + flag.FalseCount > 0).ToList();
        var ignored = report.Flags.Where(flag => !snapshot.TryGetFlag(flag.Flag, out _)).Select(flag => flag.Flag).ToArray();

        // A window that ends in the future (a client clock ahead) counts as ending now; micro-second precision as stored.
        var now = time.GetUtcNow();
        var evaluatedAt = report.WindowEnd is { } end && end < now ? end : now;
        evaluatedAt = new DateTimeOffset(evaluatedAt.UtcTicks - (evaluatedAt.UtcTicks % 10), TimeSpan.Zero);
        await store.RecordAsync(environment.Name, known, evaluatedAt, cancellationToken);
        return Results.Ok(new EvaluationReportAnswer(environment.Name, known.Count, ignored));
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string name, EnvironmentCatalog environments, IEvaluationCountStore store, CancellationToken cancellationToken)
    {
        if (RequireToken(http) is { } denied)
        {
            return denied;
        }

        if (FlagName.Validate(name) is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid flag name", problem);
        }

        var token = http.GetTokenPrincipal()!;
        var counts = (await store.GetAsync(name, cancellationToken)).ToDictionary(count => count.Environment, StringComparer.Ordinal);
        var rows = environments.All
            .Where(token.CanRead)
            .Select(environment => counts.TryGetValue(environment.Name, out var found)
                ? new FlagEvaluationsView(environment.Name, found.LastEvaluatedAt, found.TrueCount, found.FalseCount)
                : new FlagEvaluationsView(environment.Name, null, 0, 0))
            .ToArray();
        return Results.Ok(new FlagEvaluationsAnswer(name, rows));
    }

    private static IResult? RequireToken(HttpContext http)
    {
        // Metrics tokens never get here: MetricsTokenScopeMiddleware keeps them to /metrics.
        if (http.GetTokenPrincipal() is null)
        {
            return Problem(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                http.PresentedToken()
                    ? "The token is not valid (unknown, revoked or expired); create a new one."
                    : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
        }

        return null;
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
