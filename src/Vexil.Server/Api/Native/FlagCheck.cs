using Microsoft.AspNetCore.Mvc;
using Vexil.Core.Actors;
using Vexil.Core.Evaluation;
using Vexil.Core.Naming;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Core.Gates;

namespace Vexil.Server.Api.Native;

/// <summary>
/// <c>GET /api/v1/flags/{name}/check?actor=User:42[&amp;actor=...][&amp;environment=staging]</c>: does this actor see
/// the flag, and which gate decided? Evaluated from the in-memory snapshot by the same engine the SDKs and OFREP use,
/// in the named environment or in every environment the token may read.
/// </summary>
public static class FlagCheck
{
    /// <summary>The most actors one check takes (a multi-actor evaluation, as Flipper's <c>enabled?(flag, *actors)</c>).</summary>
    public const int MaxActors = 100;

    /// <summary>Handles the request.</summary>
    public static IResult Handle(
        HttpContext http,
        string name,
        [FromQuery(Name = "actor")] string[]? actor,
        string? environment,
        EnvironmentCatalog environments,
        SnapshotCache snapshots,
        DefinitionRegistry definitions)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (FlagName.Validate(name) is { } invalidName)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid flag name", invalidName);
        }

        var actors = (actor ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (actors.Length > MaxActors)
        {
            return Problem(StatusCodes.Status400BadRequest, "Too many actors", $"A check takes at most {MaxActors} actors; send fewer.");
        }

        foreach (var id in actors)
        {
            if (ActorId.Validate(id) is { } invalidActor)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid actor", invalidActor);
            }
        }

        var token = http.GetTokenPrincipal()!;
        VexilEnvironment[] asked;
        if (string.IsNullOrWhiteSpace(environment))
        {
            asked = environments.All.Where(token.CanRead).ToArray();
        }
        else
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

            asked = [resolved];
        }

        var catalog = definitions.Current;
        var current = asked.Select(e => snapshots.Get(e.Name)).ToArray();
        if (!current.Any(snapshot => snapshot.TryGetFlag(name, out _)))
        {
            var problems = catalog.ProblemsOf(name);
            var detail = $"No flag '{name}' is defined or stored in the environments asked about.";
            return Problem(
                StatusCodes.Status404NotFound,
                "Flag not found",
                problems.Count == 0 ? detail : $"{detail} {FlagSummaries.DefinitionProblem(problems, lastGoodInUse: false)}");
        }

        var answers = current.Select(snapshot => Check(snapshot, name, actors)).ToArray();
        return Results.Ok(new FlagCheckView(name, actors, answers, [.. catalog.ProblemsOf(name).Select(problem => problem.Message)]));
    }

    private static FlagCheckEnvironmentView Check(FlagSnapshot snapshot, string name, string[] actors)
    {
        if (!snapshot.TryGetFlag(name, out var flag))
        {
            return new(snapshot.Environment, false, nameof(EvaluationReason.Unknown), null, $"The flag does not exist on {snapshot.Environment}.");
        }

        var evaluation = flag.Evaluate(actors);
        var who = actors.Length == 0 ? "a check with no actor" : string.Join(", ", actors);
        var (gate, explanation) = evaluation.Reason switch
        {
            EvaluationReason.Default => ("default_enabled", $"Not set on {snapshot.Environment}: the definition's default_enabled ({(evaluation.Enabled ? "true" : "false")}) applies to everyone."),
            EvaluationReason.Static => (GateKeys.Boolean, "The flag is on for everyone."),
            EvaluationReason.Disabled => ((string?)null, "The flag is off for everyone."),
            EvaluationReason.OptedOut => ("opt_out", $"{who} opted out of the flag, which wins over every other gate."),
            EvaluationReason.TargetingMatch => TargetingGate(flag.State!, actors, who),
            EvaluationReason.Split => SplitGate(flag.State!, name, actors, who, snapshot.Groups),
            EvaluationReason.NoMatch => ((string?)null, $"No gate opens for {who}."),
            _ => ((string?)null, "The flag is unknown."),
        };
        return new(snapshot.Environment, evaluation.Enabled, evaluation.Reason.ToString(), gate, explanation);
    }

    private static (string?, string) TargetingGate(FlagState state, string[] actors, string who) =>
        actors.FirstOrDefault(state.Actors.Contains) is { } listed
            ? (GateKeys.Actors, $"{listed} is listed in the actors gate.")
            : (GateKeys.Groups, $"{who} belongs to one of the feature groups {string.Join(", ", state.Groups)}.");

    private static (string?, string) SplitGate(FlagState state, string name, string[] actors, string who, Core.Groups.FeatureGroupRegistry groups)
    {
        // The engine reports Split for both percentages; asking the percentage-of-actors gate alone tells them apart.
        if (state.PercentageOfActors.IsEnabled && actors.Length > 0)
        {
            var actorsOnly = CompiledFlag.FromState(name, FlagState.Empty with { PercentageOfActors = state.PercentageOfActors }, groups);
            if (actorsOnly.Evaluate(actors).Enabled)
            {
                return (GateKeys.PercentageOfActors, $"{who} falls in the {state.PercentageOfActors}% of actors (the same actors always do).");
            }
        }

        return (GateKeys.PercentageOfTime, $"The {state.PercentageOfTime}% of time gate opened for this check; it is drawn again on every check.");
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
