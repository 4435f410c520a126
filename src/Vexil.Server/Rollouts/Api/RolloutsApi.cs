using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Rollouts.Api;

/// <summary>
/// <c>/api/v1/rollouts</c>: start, list, show, pause, resume and abort guarded rollout plans. Starting and controlling
/// a plan needs a token that may change the plan's environment; reading needs one that may read it.
/// </summary>
public static class RolloutsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var rollouts = app.MapGroup("/api/v1/rollouts").WithTags("Rollouts");
        rollouts.MapGet("/", ListAsync).WithSummary("Rollout plans, newest first: active ones, or all with status=all.");
        rollouts.MapGet("/{id:long}", GetAsync).WithSummary("One rollout plan, with each step's planned and actual time and the latest check values.");
        rollouts.MapPost("/", StartAsync).WithSummary("Starts a plan: {flag, environment?, steps?, every?, verify?, checks?}; the first step is applied at once.");
        rollouts.MapPost("/{id:long}/pause", (HttpContext http, long id, RolloutEngine engine, IRolloutStore store, EnvironmentCatalog environments, CancellationToken cancellationToken) =>
            ControlAsync(http, id, store, environments, (plan, user) => engine.PauseAsync(plan.Flag, plan.Environment, user, cancellationToken), cancellationToken)).WithSummary("Pauses an active plan.");
        rollouts.MapPost("/{id:long}/resume", (HttpContext http, long id, RolloutEngine engine, IRolloutStore store, EnvironmentCatalog environments, CancellationToken cancellationToken) =>
            ControlAsync(http, id, store, environments, (plan, user) => engine.ResumeAsync(plan.Flag, plan.Environment, user, cancellationToken), cancellationToken)).WithSummary("Resumes a paused plan.");
        rollouts.MapPost("/{id:long}/abort", (HttpContext http, long id, RolloutEngine engine, IRolloutStore store, EnvironmentCatalog environments, CancellationToken cancellationToken) =>
            ControlAsync(http, id, store, environments, (plan, user) => engine.AbortAsync(plan.Flag, plan.Environment, user, cancellationToken), cancellationToken)).WithSummary("Ends an active plan for good; the flag stays as it is.");
    }

    private static async Task<IResult> ListAsync(HttpContext http, IRolloutStore store, EnvironmentCatalog environments, string? status, CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Unauthorized(http);
        }

        var all = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "active" => false,
            "all" => true,
            _ => (bool?)null,
        };
        if (all is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid status", $"status is '{status}'; use 'active' (the default) or 'all'.");
        }

        var plans = await store.ListAsync(!all.Value, 200, cancellationToken);
        return TypedResults.Ok(plans.Where(plan => environments.Resolve(plan.Environment) is { } environment && token.CanRead(environment)).Select(RolloutPlanView.Of).ToArray());
    }

    private static async Task<IResult> GetAsync(HttpContext http, long id, IRolloutStore store, EnvironmentCatalog environments, CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Unauthorized(http);
        }

        return await store.GetAsync(id, cancellationToken) is { } plan && environments.Resolve(plan.Environment) is { } environment && token.CanRead(environment)
            ? TypedResults.Ok(RolloutPlanView.Of(plan))
            : NotFound(id);
    }

    private static async Task<IResult> StartAsync(HttpContext http, [FromBody] StartRolloutBody? body, RolloutEngine engine, EnvironmentCatalog environments, CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Unauthorized(http);
        }

        if (string.IsNullOrWhiteSpace(body?.Flag))
        {
            return Problem(StatusCodes.Status400BadRequest, "Flag required", "Send a JSON body such as {\"flag\": \"duo_chat_multi_thread\", \"environment\": \"production\", \"checks\": [\"error_rate\"]}.");
        }

        var environment = environments.Resolve(body.Environment ?? environments.Default.Name);
        if (environment is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown environment", environments.UnknownEnvironmentMessage(body.Environment));
        }

        if (!token.CanWrite(environment))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"The token '{token.Name}' may not change feature flags on {environment.Name}: use an admin token, or a write token scoped to {environment.Name}.");
        }

        var (steps, stepProblem) = RolloutArguments.Validate(body.Steps ?? RolloutArguments.DefaultSteps);
        if (stepProblem is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid steps", stepProblem);
        }

        var (every, everyProblem) = body.Every is null ? (RolloutArguments.DefaultEvery, null) : RolloutArguments.ParseDuration("every", body.Every, allowZero: false);
        var (verify, verifyProblem) = body.Verify is null ? (RolloutArguments.DefaultVerify, null) : RolloutArguments.ParseDuration("verify", body.Verify, allowZero: true);
        if ((everyProblem ?? verifyProblem) is { } durationProblem)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid duration", durationProblem.Replace("`--", "`", StringComparison.Ordinal));
        }

        var outcome = await engine.StartAsync(
            new RolloutRequest(body.Flag.Trim(), environment.Name, steps!, every!.Value, verify!.Value, body.Checks ?? [], token.Name, ChangeChannels.Api),
            cancellationToken);
        return outcome.Plan is { } plan
            ? TypedResults.Created($"/api/v1/rollouts/{plan.Id}", RolloutPlanView.Of(plan))
            : Problem(outcome.Problem!.Contains("already has an active rollout plan", StringComparison.Ordinal) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, "Rollout not started", outcome.Problem);
    }

    private static async Task<IResult> ControlAsync(
        HttpContext http,
        long id,
        IRolloutStore store,
        EnvironmentCatalog environments,
        Func<RolloutPlan, string, Task<RolloutOutcome>> control,
        CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Unauthorized(http);
        }

        if (await store.GetAsync(id, cancellationToken) is not { } plan || environments.Resolve(plan.Environment) is not { } environment || !token.CanRead(environment))
        {
            return NotFound(id);
        }

        if (!token.CanWrite(environment))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"The token '{token.Name}' may not change feature flags on {environment.Name}, so it may not control their rollout plans either.");
        }

        if (!plan.IsActive)
        {
            return Problem(StatusCodes.Status409Conflict, "Plan not active", $"Rollout plan {id} is {RolloutStatuses.Word(plan.Status)}; only running, paused or verifying plans can be controlled.");
        }

        var outcome = await control(plan, token.Name);
        return outcome.Plan is { } changed
            ? TypedResults.Ok(RolloutPlanView.Of(changed))
            : Problem(StatusCodes.Status409Conflict, "Not changed", outcome.Problem!);
    }

    private static IResult NotFound(long id) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"There is no rollout plan {id} this token may read; list them with GET /api/v1/rollouts?status=all.");

    private static IResult Unauthorized(HttpContext http) =>
        Problem(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            http.PresentedToken()
                ? "The token is not valid (unknown, revoked or expired); create a new one."
                : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
