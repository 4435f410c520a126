using Vexil.Core.Naming;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// <c>POST</c> and <c>DELETE /api/v4/features/:name</c>. Each request becomes at most one <see cref="ChangeRequest"/>
/// through <see cref="FlagChangeService"/>: one transaction, one audit event, or nothing written at all.
/// </summary>
internal static class GitLabFeatureWriteEndpoints
{
    private const int MaxDetailLength = 1000;

    /// <summary>Sets gates: 201 with the feature, or 400 with GitLab's refusal.</summary>
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

        parameters.TryGetBoolean(GitLabParameterNames.Force, out var force);
        var catalog = definitions.Current;
        if (!force && catalog.Count > 0 && !catalog.Contains(flag))
        {
            return GitLabResponses.BadRequest(
                $"Feature flag '{flag}' has no definition: add config/feature_flags/<type>/{flag}.yml (e.g. with bin/feature-flag) and reload, or pass force=true to set it anyway.");
        }

        if (SetFeatureFlagPlanner.TryPlan(flag, parameters, out var operations) is { } refusal)
        {
            return GitLabResponses.BadRequest(refusal);
        }

        var origin = Origin(context, caller, SetTitle(flag, parameters, environment)) with { Details = Details(parameters, force) };
        var result = await changes.ApplyAsync(new ChangeRequest(environment.Name, flag, operations, false, origin), context.RequestAborted);
        if (!result.Accepted)
        {
            return GitLabResponses.BadRequest(result.Refusal!);
        }

        var state = result.Event?.After ?? snapshots.Get(environment.Name).GetState(flag) ?? FlagState.Empty;
        return GitLabResponses.Feature(StatusCodes.Status201Created, flag, state, catalog);
    }

    /// <summary>Removes a flag's stored state: 204 whether or not it was stored, as in GitLab.</summary>
    public static async Task<IResult> DeleteAsync(HttpContext context, string? name, EnvironmentCatalog environments, FlagChangeService changes)
    {
        var (write, refused) = await ReadWriteAsync(context, name, environments);
        if (write is not { } accepted)
        {
            return refused!;
        }

        var (caller, parameters, environment, flag) = accepted;

        var origin = Origin(context, caller, $"Feature flag '{flag}' has been deleted on {environment.Name}");
        var result = await changes.ApplyAsync(ChangeRequest.Remove(environment.Name, flag, origin), context.RequestAborted);
        return result.Accepted ? Results.NoContent() : GitLabResponses.BadRequest(result.Refusal!);
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

    // The log title GitLab's ChatOps writes: "Feature flag 'x' has been set to '50%' of actors on staging".
    private static string SetTitle(string flag, GitLabParameters parameters, VexilEnvironment environment)
    {
        var value = Shorten(parameters.Get(GitLabParameterNames.Value) ?? string.Empty, 40);
        var shown = parameters.Get(GitLabParameterNames.Key) == SetFeatureFlagPlanner.PercentageOfActorsKey ? $"'{value}%' of actors" : $"'{value}'";
        return $"Feature flag '{flag}' has been set to {shown} on {environment.Name}";
    }

    private static Dictionary<string, string> Details(GitLabParameters parameters, bool force)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])[GitLabParameterNames.Value, GitLabParameterNames.Key, .. GitLabParameterNames.Targets])
        {
            if (parameters.Get(name) is { } value)
            {
                details[name] = Shorten(value, MaxDetailLength);
            }
        }

        if (force)
        {
            details[GitLabParameterNames.Force] = "true";
        }

        return details;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "...");

    private sealed record WriteRequest(TokenPrincipal Caller, GitLabParameters Parameters, VexilEnvironment Environment, string Flag);
}
