using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Environments;

namespace Vexil.Server.Deployments.Api;

/// <summary>
/// <c>/api/v1/deployments</c>: CI reports what it deployed where (<c>POST</c>), and anyone who reads an environment can
/// list its deployments, newest first (<c>GET</c>). The deployment check, <c>auto_deploy status</c> and the audit
/// timeline read them.
/// </summary>
public static class DeploymentsApi
{
    /// <summary>The route of the collection.</summary>
    public const string Route = "/api/v1/deployments";

    /// <summary>Page size when <c>per_page</c> is not given.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Maps the endpoints; both are open to deployments tokens (<see cref="DeploymentsTokenScope"/>).</summary>
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var deployments = app.MapGroup(Route).WithTags("Deployments").WithMetadata(DeploymentsTokenScope.Instance);
        deployments.MapPost(string.Empty, RecordAsync)
            .WithSummary("Records one deployment: {environment, sha, ref, status?, finished_at?, url?}. Needs a deployments or admin token.")
            .Produces<DeploymentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        deployments.MapGet(string.Empty, ListAsync)
            .WithSummary("Deployments newest first, optionally of one environment or sha, paged with per_page and before (a Link header names the next page).")
            .Produces<DeploymentPageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> RecordAsync(
        HttpContext http,
        IDeploymentStore store,
        EnvironmentCatalog environments,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // Who may record is checked before the body is read, so a wrong token learns nothing about the body's problems.
        if (DeploymentAccess.RequireRecorder(http, null, out var token) is { } denied)
        {
            return denied;
        }

        if (!http.Request.HasJsonContentType())
        {
            return DeploymentAccess.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                "Send the deployment as JSON with Content-Type: application/json.");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return DeploymentAccess.Problem(
                StatusCodes.Status400BadRequest,
                "Invalid JSON",
                $"The body is not valid JSON ({exception.Message}); send an object such as {{\"environment\": \"gstg\", \"sha\": \"<40 hex digits>\", \"ref\": \"main\"}}.");
        }

        var deployment = DeploymentRequestReader.Read(body, environments, token.Name, time.GetUtcNow(), out var errors);
        if (deployment is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid deployment", detail: string.Join(" ", errors.Values.SelectMany(messages => messages)));
        }

        if (DeploymentAccess.RequireRecorder(http, environments.Resolve(deployment.Environment), out _) is { } outOfScope)
        {
            return outOfScope;
        }

        var stored = await store.RecordAsync(deployment, cancellationToken);
        loggers.CreateLogger(typeof(DeploymentsApi)).LogInformation(
            "{By} recorded deployment #{Id}: {Ref} ({Sha}) to {Environment}, {Status}",
            stored.RecordedBy,
            stored.Id,
            stored.Ref,
            stored.Sha,
            stored.Environment,
            stored.Status);
        return Results.Created($"{Route}/{stored.Id}", DeploymentView.Of(stored));
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        IDeploymentStore store,
        EnvironmentCatalog environments,
        string? environment,
        string? sha,
        [FromQuery(Name = "per_page")] string? perPage,
        string? before,
        CancellationToken cancellationToken)
    {
        if (DeploymentAccess.RequireLister(http, out var token) is { } denied)
        {
            return denied;
        }

        string? canonical = null;
        if (!string.IsNullOrWhiteSpace(environment))
        {
            if (environments.Resolve(environment) is not { } resolved)
            {
                return DeploymentAccess.Problem(StatusCodes.Status400BadRequest, "Unknown environment", environments.UnknownEnvironmentMessage(environment));
            }

            if (!DeploymentAccess.CanList(token, resolved))
            {
                return DeploymentAccess.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"'{token.Name}' cannot read {resolved.Name}.");
            }

            canonical = resolved.Name;
        }
        else if (!environments.All.All(e => DeploymentAccess.CanList(token, e)))
        {
            var visible = environments.All.Where(e => DeploymentAccess.CanList(token, e)).ToArray();
            if (visible.Length != 1)
            {
                return DeploymentAccess.Problem(
                    StatusCodes.Status400BadRequest,
                    "Environment required",
                    $"'{token.Name}' reads only some environments; pass environment=<name> (one of {string.Join(", ", visible.Select(e => e.Name))}).");
            }

            canonical = visible[0].Name;
        }

        if (!string.IsNullOrWhiteSpace(sha) && !DeploymentArguments.IsFullSha(sha.Trim()))
        {
            return DeploymentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid sha", $"sha '{sha}' is not a full commit sha: pass all 40 hexadecimal digits.");
        }

        var size = DefaultPageSize;
        if (perPage is not null && (!int.TryParse(perPage, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > DeploymentArguments.MaxPerPage))
        {
            return DeploymentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid paging", $"per_page is '{perPage}'; use a whole number from 1 to {DeploymentArguments.MaxPerPage}.");
        }

        long? cursor = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return DeploymentAccess.Problem(StatusCodes.Status400BadRequest, "Invalid paging", $"before is '{before}'; pass the id of the last deployment of the previous page (next_before).");
            }

            cursor = id;
        }

        var shaFilter = string.IsNullOrWhiteSpace(sha) ? null : sha.Trim().ToLowerInvariant();

        // One more than the page, to know whether a next page exists without counting.
        var rows = await store.ListAsync(canonical, shaFilter, cursor, size + 1, cancellationToken);
        var page = rows.Take(size).ToArray();
        long? next = null;
        if (rows.Count > size)
        {
            next = page[^1].Id;
            http.Response.Headers.Link = $"<{NextUrl(http, canonical, shaFilter, size, next.Value)}>; rel=\"next\"";
        }

        return Results.Ok(new DeploymentPageView(page.Select(DeploymentView.Of).ToArray(), next));
    }

    private static string NextUrl(HttpContext http, string? environment, string? sha, int size, long before)
    {
        var query = new QueryBuilder();
        if (environment is not null)
        {
            query.Add("environment", environment);
        }

        if (sha is not null)
        {
            query.Add("sha", sha);
        }

        query.Add("per_page", size.ToString(CultureInfo.InvariantCulture));
        query.Add("before", before.ToString(CultureInfo.InvariantCulture));
        var request = http.Request;
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
