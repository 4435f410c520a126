using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Changes;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Incidents.Api;

/// <summary>
/// <c>/api/v1/change-locks</c>: time windows during which protected environments must not change. While a lock is
/// active, the production check refuses changes to the environments it covers.
/// </summary>
public static class ChangeLocksApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapChangeLocksApi(this IEndpointRouteBuilder app)
    {
        var locks = app.MapGroup("/api/v1/change-locks").WithTags("Change locks");
        locks.MapGet("/", ListAsync).WithSummary("Change locks that have not ended (all=true for every one), by start.");
        locks.MapPost("/", AddAsync).WithSummary("Adds a change lock: {reason, startsAt, endsAt, environments?, by?}.");
        locks.MapDelete("/{id:long}", RemoveAsync).WithSummary("Removes a change lock.");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IIncidentStore store, TimeProvider time, bool? all, CancellationToken cancellationToken)
    {
        if (IncidentAccess.RequireWriter(http, out _) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        var locks = await store.ListChangeLocksAsync(all == true ? null : now, cancellationToken);
        return Results.Ok(locks.Select(changeLock => ChangeLockView.Of(changeLock, now)).ToArray());
    }

    private static async Task<IResult> AddAsync(
        HttpContext http,
        [FromBody] NewChangeLockBody? body,
        IIncidentStore store,
        EnvironmentCatalog environments,
        TimeProvider time,
        AuditRecorder audit,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (IncidentAccess.RequireWriter(http, out var token) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        var by = string.IsNullOrWhiteSpace(body?.By) ? token.Name : body.By.Trim();
        if (Validate(body, by, environments, now, out var changeLock) is { } problem)
        {
            return IncidentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid change lock", problem);
        }

        var added = await store.AddChangeLockAsync(changeLock!, cancellationToken);
        loggers.CreateLogger(typeof(ChangeLocksApi)).LogWarning(
            "{By} locked {Environments} from {Start} to {End}: {Reason}",
            added.CreatedBy,
            added.Environments.Count == 0 ? "every protected environment" : string.Join(", ", added.Environments),
            added.StartsAt,
            added.EndsAt,
            added.Reason);
        var locked = added.Environments.Count == 0 ? "every protected environment" : string.Join(", ", added.Environments);
        await audit.RecordAsync(AuditFacts.For(
            http,
            AuditKinds.ChangeLockAdded,
            $"Change lock #{added.Id} added on {locked}: {added.Reason}",
            new Dictionary<string, string>
            {
                ["change_lock_id"] = AuditFacts.Id(added.Id),
                ["reason"] = added.Reason,
                ["starts_at"] = added.StartsAt.ToString("O", CultureInfo.InvariantCulture),
                ["ends_at"] = added.EndsAt.ToString("O", CultureInfo.InvariantCulture),
                ["environments"] = added.Environments.Count == 0 ? "all protected" : string.Join(",", added.Environments),
                ["by"] = added.CreatedBy,
            }));
        return Results.Created($"/api/v1/change-locks/{added.Id}", ChangeLockView.Of(added, now));
    }

    private static async Task<IResult> RemoveAsync(
        HttpContext http,
        long id,
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

        if (!await store.RemoveChangeLockAsync(id, cancellationToken))
        {
            return IncidentAccess.Problem(StatusCodes.Status404NotFound, "Change lock not found", $"There is no change lock #{id}; GET /api/v1/change-locks?all=true lists them.");
        }

        loggers.CreateLogger(typeof(ChangeLocksApi)).LogInformation("{Token} removed change lock #{Id}", token.Name, id);
        await audit.RecordAsync(AuditFacts.For(
            http,
            AuditKinds.ChangeLockRemoved,
            $"Change lock #{id} removed",
            new Dictionary<string, string> { ["change_lock_id"] = AuditFacts.Id(id) }));
        return Results.NoContent();
    }

    private static string? Validate(NewChangeLockBody? body, string by, EnvironmentCatalog environments, DateTimeOffset now, out NewChangeLock? changeLock)
    {
        changeLock = null;
        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return "reason is required: say why the environments are locked.";
        }

        if (reason.Length > IncidentArguments.MaxReasonLength)
        {
            return $"reason is {reason.Length} characters long; use at most {IncidentArguments.MaxReasonLength}.";
        }

        if (by.Length > IncidentArguments.MaxNameLength)
        {
            return $"by is {by.Length} characters long; use at most {IncidentArguments.MaxNameLength}.";
        }

        if (ReadTime(body!.StartsAt, "startsAt", out var startsAt) is { } badStart)
        {
            return badStart;
        }

        if (ReadTime(body.EndsAt, "endsAt", out var endsAt) is { } badEnd)
        {
            return badEnd;
        }

        if (endsAt <= startsAt)
        {
            return "endsAt must be after startsAt.";
        }

        if (endsAt <= now)
        {
            return string.Create(CultureInfo.InvariantCulture, $"endsAt ({endsAt:O}) is in the past; a lock that has ended holds nothing.");
        }

        if (ResolveEnvironments(body.Environments, environments, out var names) is { } badEnvironment)
        {
            return badEnvironment;
        }

        changeLock = new NewChangeLock(reason, startsAt, endsAt, names, by);
        return null;
    }

    private static string? ReadTime(string? text, string field, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{field} is required: an ISO 8601 time with an offset, e.g. 2025-03-01T09:00:00Z.";
        }

        // An offset is required: a bare local time would mean whatever the server's zone is.
        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            ? null
            : $"{field} is '{text}', which is not an ISO 8601 time with an offset; send e.g. 2025-03-01T09:00:00Z.";
    }

    private static string? ResolveEnvironments(IReadOnlyList<string>? requested, EnvironmentCatalog environments, out IReadOnlyList<string> names)
    {
        var resolved = new List<string>();
        names = resolved;
        foreach (var entry in requested ?? [])
        {
            var environment = environments.Resolve(entry);
            if (environment is null)
            {
                return environments.UnknownEnvironmentMessage(entry);
            }

            if (!environment.IsProtected)
            {
                return $"{environment.Name} is not protected: change locks hold protected environments, where the production check runs.";
            }

            if (!resolved.Contains(environment.Name, StringComparer.Ordinal))
            {
                resolved.Add(environment.Name);
            }
        }

        return null;
    }
}
