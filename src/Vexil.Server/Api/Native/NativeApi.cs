using Microsoft.AspNetCore.Mvc;
using Vexil.Core.Evaluation;
using Vexil.Core.Naming;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Deployments;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Api.Native;

/// <summary>
/// Vexil's own read API under <c>/api/v1</c>: JSON, ProblemDetails errors, described in the OpenAPI document. Reads
/// come from the in-memory snapshots (flags) or the store (audit), and show only environments the token may read.
/// </summary>
public static class NativeApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapNativeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Vexil").AddEndpointFilter(RequireToken);

        api.MapGet("/environments", ListEnvironments).WithSummary("The environments, in the order commands run through them.");
        api.MapGet("/flags", FlagMatrix).WithSummary("Every flag (persisted or defined) × every readable environment.");
        api.MapGet("/flags/{name}", OneFlag).WithSummary("One flag's definition and its state in every readable environment.");
        api.MapGet("/flags/{name}/check", FlagCheck.Handle).WithMetadata(new RepeatableQueryParameters("actor")).WithSummary("Whether the given actors see a flag, and which gate decided, per readable environment.");
        api.MapGet("/audit", Audit).WithSummary("The audit trail, newest first, paged: changes, token, incident and change-lock entries; refused attempts with include=attempts, deployments with include=deployments.");
        api.MapGet("/definitions", Definitions).WithSummary("Loaded definitions and the files that failed validation.");
        return app;
    }

    private static async ValueTask<object?> RequireToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetTokenPrincipal() is null)
        {
            return Problem(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                context.HttpContext.PresentedToken()
                    ? "The token is not valid (unknown, revoked or expired); create a new one."
                    : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
        }

        return await next(context);
    }

    private static IResult ListEnvironments(HttpContext http, EnvironmentCatalog environments, SnapshotCache snapshots)
    {
        var token = http.GetTokenPrincipal()!;
        var views = environments.All
            .Where(token.CanRead)
            .Select(e =>
            {
                var snapshot = snapshots.Get(e.Name);
                return new EnvironmentView(e.Name, e.Aliases, e.IsProtected, e == environments.Default, snapshot.Sequence, snapshot.Flags.Count(f => f.IsPersisted));
            })
            .ToArray();
        return Results.Ok(views);
    }

    private static IResult FlagMatrix(HttpContext http, EnvironmentCatalog environments, SnapshotCache snapshots, DefinitionRegistry definitions, string? match)
    {
        var readable = environments.All.Where(http.GetTokenPrincipal()!.CanRead).ToArray();
        var catalog = definitions.Current;
        var current = readable.Select(e => snapshots.Get(e.Name)).ToArray();
        var names = current.SelectMany(s => s.Flags.Select(f => f.Name))
            .Concat(catalog.ByName.Keys)
            .Where(n => string.IsNullOrEmpty(match) || n.Contains(match, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var rows = names.Select(name => Row(name, catalog, current)).ToArray();
        return Results.Ok(new FlagMatrixView(readable.Select(e => e.Name).ToArray(), rows));
    }

    private static async Task<IResult> OneFlag(
        HttpContext http,
        string name,
        EnvironmentCatalog environments,
        SnapshotCache snapshots,
        DefinitionRegistry definitions,
        IFlagStore store,
        IDeploymentStore deployments,
        CancellationToken cancellationToken)
    {
        if (FlagName.Validate(name) is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid flag name", problem);
        }

        var current = environments.All.Where(http.GetTokenPrincipal()!.CanRead).Select(e => snapshots.Get(e.Name)).ToArray();
        var catalog = definitions.Current;
        if (!catalog.Contains(name) && current.All(s => s.GetState(name) is null))
        {
            var problems = catalog.ProblemsOf(name);
            var detail = $"No flag '{name}' is defined or stored in the environments this token can read.";
            return Problem(
                StatusCodes.Status404NotFound,
                "Flag not found",
                problems.Count == 0 ? detail : $"{detail} {FlagSummaries.DefinitionProblem(problems, lastGoodInUse: false)}");
        }

        var row = Row(name, catalog, current);
        var cells = new List<FlagEnvironmentView>(row.Environments.Count);
        try
        {
            foreach (var cell in row.Environments)
            {
                cells.Add(cell with { LastChange = await LastChangeAsync(store, deployments, name, cell.Environment, cancellationToken) });
            }
        }
        catch (StoreUnavailableException)
        {
            // The gates come from memory and stay right while the database is away; only the last-change history needs
            // it. Answer without that history rather than fail a read that evaluation clients and replicas rely on.
            return Results.Ok(row);
        }

        return Results.Ok(row with { Environments = cells });
    }

    // The flag's newest change in the environment, and the last successful deployment it came after: two indexed
    // reads per environment, done only for the one-flag page.
    private static async Task<LastChangeView?> LastChangeAsync(IFlagStore store, IDeploymentStore deployments, string flag, string environment, CancellationToken cancellationToken)
    {
        var page = await store.QueryAuditAsync(new AuditQuery(Flag: flag, Environment: environment, PageSize: 1), cancellationToken);
        if (page.Events.Count == 0)
        {
            return null;
        }

        var change = page.Events[0];
        var deployment = await deployments.GetLastSuccessfulAtAsync(environment, change.OccurredAt, cancellationToken);
        var after = deployment is null
            ? null
            : new AfterDeploymentView(deployment.Id, deployment.Sha, deployment.Ref, deployment.FinishedAt, (long)Math.Floor((change.OccurredAt - deployment.FinishedAt).TotalMinutes));
        return new LastChangeView(change.OccurredAt, change.User, change.Via, change.Action, after);
    }

    private static async Task<IResult> Audit(
        HttpContext http,
        IFlagStore store,
        EnvironmentCatalog environments,
        string? flag,
        string? environment,
        string? user,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? page,
        int? pageSize,
        string? include,
        CancellationToken cancellationToken)
    {
        // A comma list, so more optional parts can join later; an unknown one is a typo, not a silent no-op.
        var includes = (include ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (includes.FirstOrDefault(part => part is not ("attempts" or "deployments")) is { } unknown)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid include", $"include is '{unknown}', which the audit trail does not know; use include=attempts to add refused attempts, include=deployments to add recorded deployments, or both (include=attempts,deployments).");
        }

        var token = http.GetTokenPrincipal()!;
        string? canonical = null;
        if (!string.IsNullOrWhiteSpace(environment))
        {
            var resolved = environments.Resolve(environment);
            if (resolved is null)
            {
                return Problem(StatusCodes.Status400BadRequest, "Unknown environment", environments.UnknownEnvironmentMessage(environment));
            }

            if (!token.CanRead(resolved))
            {
                return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"This token cannot read {resolved.Name}.");
            }

            canonical = resolved.Name;
        }
        else if (token.Environments.Count > 0 && !token.IsAdmin)
        {
            if (token.Environments.Count > 1)
            {
                return Problem(StatusCodes.Status400BadRequest, "Environment required", "This token reads several environments; pass environment=<name>.");
            }

            canonical = token.Environments[0];
        }

        if (page is < 1 || pageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid paging", $"page starts at 1 and pageSize is 1 to {AuditQuery.MaxPageSize}.");
        }

        if (from is not null && to is not null && from > to)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid time range", "from must be before to.");
        }

        // Token, incident and change-lock entries are audit facts and always in the trail; attempts only when asked for.
        var query = new AuditQuery(
            flag,
            canonical,
            user,
            from,
            to,
            page ?? 1,
            pageSize ?? 50,
            IncludeRecords: true,
            IncludeAttempts: includes.Contains("attempts"),
            IncludeDeployments: includes.Contains("deployments"));
        var result = await store.QueryAuditAsync(query, cancellationToken);
        return Results.Ok(new AuditPageView(result.Page, result.PageSize, result.Total, result.Entries.Select(AuditEventView.Of).ToArray()));
    }

    private static IResult Definitions(DefinitionRegistry definitions)
    {
        var catalog = definitions.Current;
        return Results.Ok(new DefinitionsView(catalog.Definitions.Select(definition => DefinitionView.Of(definition, catalog)).ToArray(), catalog.Errors));
    }

    private static FlagRowView Row(string name, DefinitionCatalog catalog, IReadOnlyList<FlagSnapshot> snapshots)
    {
        var definition = catalog.TryGet(name, out var found) ? DefinitionView.Of(found, catalog) : null;
        var cells = snapshots.Select(snapshot =>
        {
            var state = snapshot.GetState(name);
            var status = snapshot.TryGetFlag(name, out var flag) ? flag.Status : Vexil.Core.State.FlagStatus.Off;
            return new FlagEnvironmentView(snapshot.Environment, status.ToString().ToLowerInvariant(), state is not null, GateValues.Of(state));
        }).ToArray();
        return new FlagRowView(name, definition, cells, [.. catalog.ProblemsOf(name).Select(problem => problem.Message)]);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
