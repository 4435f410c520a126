using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Changes;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Incidents.Api;

/// <summary>
/// <c>/api/v1/incidents</c>: incidents recorded in Vexil. An open incident of severity 1 or 2 makes the production check
/// refuse changes to protected environments until it is closed.
/// </summary>
public static class IncidentsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListAsync).WithSummary("Incidents, newest first: open ones, or all with status=all.");
        incidents.MapGet("/{id:long}", GetAsync).WithSummary("One incident.");
        incidents.MapPost("/", OpenAsync).WithSummary("Opens an incident: {title, severity 1-4, by?}.");
        incidents.MapPost("/{id:long}/close", CloseAsync).WithSummary("Closes an incident (closing a closed one changes nothing).");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IIncidentStore store, string? status, CancellationToken cancellationToken)
    {
        if (IncidentAccess.RequireWriter(http, out _) is { } denied)
        {
            return denied;
        }

        var all = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => false,
            "all" => true,
            _ => (bool?)null,
        };
        if (all is null)
        {
            return IncidentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid status", $"status is '{status}'; use 'open' (the default) or 'all'.");
        }

        return Results.Ok(await store.ListIncidentsAsync(all.Value, cancellationToken));
    }

    private static async Task<IResult> GetAsync(HttpContext http, long id, IIncidentStore store, CancellationToken cancellationToken)
    {
        if (IncidentAccess.RequireWriter(http, out _) is { } denied)
        {
            return denied;
        }

        return await store.GetIncidentAsync(id, cancellationToken) is { } incident ? Results.Ok(incident) : NotFound(id);
    }

    private static async Task<IResult> OpenAsync(HttpContext http, [FromBody] OpenIncidentBody? body, IIncidentStore store, AuditRecorder audit, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (IncidentAccess.RequireWriter(http, out var token) is { } denied)
        {
            return denied;
        }

        var title = body?.Title?.Trim();
        var by = string.IsNullOrWhiteSpace(body?.By) ? token.Name : body.By.Trim();
        var problem =
            string.IsNullOrEmpty(title) ? "title is required: say what is wrong in a few words."
            : title.Length > IncidentArguments.MaxTitleLength ? $"title is {title.Length} characters long; use at most {IncidentArguments.MaxTitleLength}."
            : title.Any(char.IsControl) ? "title contains a control character (a line break or tab, say); send one line of text."
            : body!.Severity is null ? "severity is required: 1 (critical) to 4 (low); 1 and 2 block production changes."
            : body.Severity is < Incident.HighestSeverity or > Incident.LowestSeverity ? $"severity is {body.Severity}; use 1 (critical) to 4 (low)."
            : by.Length > IncidentArguments.MaxNameLength ? $"by is {by.Length} characters long; use at most {IncidentArguments.MaxNameLength}."
            : null;
        if (problem is not null)
        {
            return IncidentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid incident", problem);
        }

        var incident = await store.OpenIncidentAsync(title!, body!.Severity!.Value, by, cancellationToken);
        loggers.CreateLogger(typeof(IncidentsApi)).LogWarning(
            "{By} opened incident #{Id} (severity {Severity}): {Title}",
            incident.OpenedBy,
            incident.Id,
            incident.Severity,
            incident.Title);
        await audit.RecordAsync(AuditFacts.For(
            http,
            AuditKinds.IncidentOpened,
            $"Incident #{incident.Id} (severity {incident.Severity}) opened: {incident.Title}",
            new Dictionary<string, string>
            {
                ["incident_id"] = AuditFacts.Id(incident.Id),
                ["severity"] = incident.Severity.ToString(CultureInfo.InvariantCulture),
                ["incident_title"] = incident.Title,
                ["by"] = incident.OpenedBy,
            }));
        return Results.Created($"/api/v1/incidents/{incident.Id}", incident);
    }

    private static async Task<IResult> CloseAsync(
        HttpContext http,
        long id,
        [FromBody] CloseIncidentBody? body,
        IIncidentStore store,
        EnvironmentCatalog environments,
        AuditRecorder audit,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (IncidentAccess.RequireReleaser(http, environments, out var token) is { } denied)
        {
            return denied;
        }

        var by = string.IsNullOrWhiteSpace(body?.By) ? token.Name : body.By.Trim();
        if (by.Length > IncidentArguments.MaxNameLength)
        {
            return IncidentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid close", $"by is {by.Length} characters long; use at most {IncidentArguments.MaxNameLength}.");
        }

        var incident = await store.CloseIncidentAsync(id, by, cancellationToken);
        if (incident is null)
        {
            return NotFound(id);
        }

        loggers.CreateLogger(typeof(IncidentsApi)).LogInformation("{By} closed incident #{Id}", by, id);
        await audit.RecordAsync(AuditFacts.For(
            http,
            AuditKinds.IncidentClosed,
            $"Incident #{incident.Id} closed: {incident.Title}",
            new Dictionary<string, string>
            {
                ["incident_id"] = AuditFacts.Id(incident.Id),
                ["severity"] = incident.Severity.ToString(CultureInfo.InvariantCulture),
                ["incident_title"] = incident.Title,
                ["by"] = incident.ClosedBy ?? by,
            }));
        return Results.Ok(incident);
    }

    private static IResult NotFound(long id) =>
        IncidentAccess.Problem(StatusCodes.Status404NotFound, "Incident not found", $"There is no incident #{id}; GET /api/v1/incidents?status=all lists them.");
}
