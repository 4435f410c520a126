using System.Globalization;
using Vexil.Core.Naming;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// <c>POST</c> and <c>DELETE /api/v4/features/:name</c>. Each request becomes one <see cref="FlagChange"/> through
/// <see cref="FlagChangeService"/>, which runs the same guard rails as chat and the CLI: one transaction, one audit
/// event, or nothing written at all (and a refused attempt recorded).
/// </summary>
internal static class GitLabFeatureWriteEndpoints
{
    private const int MaxDetailLength = 1000;

    /// <summary>
    /// Sets gates: 201 with the feature, 400 with GitLab's refusal, or 409 with the chat's sentence when a guard rail
    /// (the production or consistency check) refuses.
    /// </summary>
    public static async Task<IResult> SetAsync(
        HttpContext context,
        string? name,
        EnvironmentCatalog environments,
        DefinitionRegistry definitions,
        SnapshotCache snapshots,
        FlagChangeService changes)
    {
        var (write, refused) = await ReadWriteAsync(context, name, environments);
        if (write is not { } accepted)
        {
            return refused!;
        }

        var (caller, parameters, environment, flag) = accepted;

        if (GitLabParameterRules.CheckSet(parameters) is { } parameterProblem)
        {
            return GitLabResponses.InvalidParameters(parameterProblem);
        }

        if (SetFeatureFlagPlanner.TryPlan(flag, parameters, out var operations) is { } refusal)
        {
            return GitLabResponses.BadRequest(refusal);
        }

        var overrides = Overrides(parameters);
        var value = parameters.Get(GitLabParameterNames.Value) ?? string.Empty;
        var title = ChangeTitles.Set(flag, value, parameters.Get(GitLabParameterNames.Key) == SetFeatureFlagPlanner.PercentageOfActorsKey, environment.Name);
        var origin = Origin(context, caller, title) with { Details = Details(caller, parameters, overrides) };
        var change = new FlagChange([new ChangeRequest(environment.Name, flag, operations, false, origin)], value)
        {
            Overrides = overrides,
            ForceHint = "pass force=true",
            DeploymentCheckHint = "pass ignore_deployment_check=true",
        };
        var outcome = await changes.ApplyAsync(change, context.RequestAborted);
        if (Refusal(outcome) is { } answer)
        {
            return answer;
        }

        var catalog = definitions.Current;
        var state = outcome.Results[0].Event?.After ?? snapshots.Get(environment.Name).GetState(flag) ?? FlagState.Empty;
        return GitLabResponses.Feature(StatusCodes.Status201Created, flag, state, catalog);
    }

    /// <summary>
    /// Removes a flag's stored state: 204 whether or not it was stored, as in GitLab. On a protected environment the
    /// production check runs first (409 when it refuses), unless <c>ignore_production_check</c> is true.
    /// </summary>
    public static async Task<IResult> DeleteAsync(HttpContext context, string? name, EnvironmentCatalog environments, FlagChangeService changes)
    {
        var (write, refused) = await ReadWriteAsync(context, name, environments);
        if (write is not { } accepted)
        {
            return refused!;
        }

        var (caller, parameters, environment, flag) = accepted;
        if (GitLabParameterRules.CheckDelete(parameters) is { } parameterProblem)
        {
            return GitLabResponses.InvalidParameters(parameterProblem);
        }

        var overrides = Overrides(parameters);
        var origin = Origin(context, caller, ChangeTitles.Deleted(flag, environment.Name)) with { Details = Details(caller, parameters, overrides) };
        var change = new FlagChange([ChangeRequest.Remove(environment.Name, flag, origin)], "deleted") { Overrides = overrides };
        var outcome = await changes.ApplyAsync(change, context.RequestAborted);
        return Refusal(outcome) ?? Results.NoContent();
    }

    // The answer to anything but a write that went through: a guard rail's refusal is a conflict with the state of
    // production (409, the same sentence chat gives); bad input and the gate rules are GitLab's 400.
    private static IResult? Refusal(FlagChangeOutcome outcome)
    {
        if (outcome.Problem is { } problem)
        {
            return GitLabResponses.BadRequest(problem);
        }

        if (outcome.Refused)
        {
            return outcome.Guard is GuardNames.Production or GuardNames.Consistency or GuardNames.Deployment
                ? GitLabResponses.Conflict(outcome.RefusalText!)
                : GitLabResponses.BadRequest(outcome.RefusalText!);
        }

        return outcome.Results.Count > 0 && !outcome.Results[^1].Accepted ? GitLabResponses.BadRequest(outcome.Results[^1].Refusal!) : null;
    }

    // The parameters were checked to be booleans before this is called.
    private static ChangeOverrides Overrides(GitLabParameters parameters)
    {
        parameters.TryGetBoolean(GitLabParameterNames.IgnoreProductionCheck, out var ignoreProduction);
        parameters.TryGetBoolean(GitLabParameterNames.IgnoreConsistencyCheck, out var ignoreConsistency);
        parameters.TryGetBoolean(GitLabParameterNames.Force, out var force);
        parameters.TryGetBoolean(GitLabParameterNames.IgnoreDeploymentCheck, out var ignoreDeployment);
        return new ChangeOverrides(ignoreProduction, ignoreConsistency, force, ignoreDeployment);
    }

    // What both writes check first, in GitLab's order: a token, readable parameters, write rights on the environment,
    // a valid flag name. Returns the request's parts, or the answer that refuses it.
    private static async Task<(WriteRequest? Request, IResult? Refusal)> ReadWriteAsync(HttpContext context, string? name, EnvironmentCatalog environments)
    {
        if (GitLabAccess.Caller(context) is not { } caller)
        {
            return (null, GitLabResponses.Unauthorized());
        }

        var read = await GitLabParameterReader.ReadAsync(context.Request, readBody: true, context.RequestAborted);
        if (read.Parameters is not { } parameters)
        {
            return (null, read.Error!);
        }

        if (GitLabAccess.Authorize(context, caller, environments, parameters.Get(GitLabParameterNames.Environment), write: true, out var environment) is { } denied)
        {
            return (null, denied);
        }

        var flag = FlagFromRoute(name);
        return FlagName.Validate(flag) is { } nameProblem
            ? (null, GitLabResponses.BadRequest(nameProblem))
            : (new WriteRequest(caller, parameters, environment, flag), null);
    }

    // python-gitlab 3.x sends ".../features//<name>": the catch-all route hands over "/<name>".
    private static string FlagFromRoute(string? name) => (name ?? string.Empty).TrimStart('/');

    private static ChangeOrigin Origin(HttpContext context, TokenPrincipal caller, string title) =>
        new(caller.Name, ChangeChannels.Api, context.Connection.RemoteIpAddress?.ToString(), null, context.TraceIdentifier) { Title = title };

    // Every override the caller passed is recorded, by its parameter name, whether or not it mattered: the audit shows
    // what was asked for.
    private static Dictionary<string, string> Details(TokenPrincipal caller, GitLabParameters parameters, ChangeOverrides overrides)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["token"] = caller.Name,
            ["token_id"] = caller.Id.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var name in (string[])[GitLabParameterNames.Value, GitLabParameterNames.Key, .. GitLabParameterNames.Targets])
        {
            if (parameters.Get(name) is { } value)
            {
                details[name] = Shorten(value, MaxDetailLength);
            }
        }

        if (overrides.Force)
        {
            details[GitLabParameterNames.Force] = "true";
        }

        if (overrides.IgnoreProductionCheck)
        {
            details[GitLabParameterNames.IgnoreProductionCheck] = "true";
        }

        if (overrides.IgnoreConsistencyCheck)
        {
            details[GitLabParameterNames.IgnoreConsistencyCheck] = "true";
        }

        if (overrides.IgnoreDeploymentCheck)
        {
            details[GitLabParameterNames.IgnoreDeploymentCheck] = "true";
        }

        return details;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "...");

    private sealed record WriteRequest(TokenPrincipal Caller, GitLabParameters Parameters, VexilEnvironment Environment, string Flag);
}
