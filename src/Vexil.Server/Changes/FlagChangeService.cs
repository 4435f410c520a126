using Vexil.Core.Naming;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// The one write path every entry point uses (commands, chat, CLI, the GitLab and native APIs, dashboard, rollouts).
/// <see cref="ApplyAsync(FlagChange, CancellationToken)"/> runs the guard rails on a whole change of one flag, in order:
/// validation, the definition check, the production check, the consistency check, the deployment check, the gate rules; and only when none
/// refuses, the writes, one environment at a time. A refusal by a guard rail is recorded as an attempt. Each write
/// commits through the store in one transaction, brings the environment's snapshot up to date so the next evaluation
/// on this server sees it, and tells the <see cref="IChangeObserver"/>s. What is about the door (token rights, the
/// production channel and user list) stays with the door.
/// </summary>
public sealed class FlagChangeService(
    IFlagStore store,
    SnapshotCache snapshots,
    EnvironmentCatalog environments,
    IEnumerable<IChangeObserver> observers,
    ChangeProjector projector,
    DefinitionGuard definitionGuard,
    ProductionCheckGuard productionGuard,
    ConsistencyGuard consistencyGuard,
    DeploymentGuard deploymentGuard,
    AuditRecorder recorder,
    ChangeMetrics metrics,
    ILogger<FlagChangeService> logger)
{
    /// <summary>
    /// Checks a change of one flag across its environments against every guard rail and, when none refuses, writes it
    /// environment by environment. Cancelling stops it before the first write; once writing has started it finishes.
    /// </summary>
    public async Task<FlagChangeOutcome> ApplyAsync(FlagChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Requests.Count == 0)
        {
            return new FlagChangeOutcome { Problem = "A change needs at least one environment." };
        }

        foreach (var request in change.Requests)
        {
            if (Validate(request) is { } problem)
            {
                return new FlagChangeOutcome { Problem = problem };
            }

            if (request.Flag != change.Flag || request.Delete != change.Delete)
            {
                return new FlagChangeOutcome { Problem = "All environments of one change must set, or all delete, the same flag." };
            }
        }

        if (definitionGuard.Check(change) is { } undefined)
        {
            return await RefuseAsync(change, GuardNames.Definition, change.Requests.ToDictionary(request => request.Environment, _ => undefined, StringComparer.Ordinal));
        }

        var projections = projector.Project(change);
        var production = await productionGuard.CheckAsync(change, projections, cancellationToken);
        if (production.Count > 0)
        {
            return await RefuseAsync(change, GuardNames.Production, production);
        }

        var consistency = consistencyGuard.Check(change, projections);
        if (consistency.Count > 0)
        {
            return await RefuseAsync(change, GuardNames.Consistency, consistency);
        }

        var deployment = await deploymentGuard.CheckAsync(change, projections, cancellationToken);
        if (deployment.Refusals.Count > 0)
        {
            return await RefuseAsync(change, GuardNames.Deployment, deployment.Refusals);
        }

        // Gate rules ("Cannot enable percentage of actors for a fully-enabled flag") checked on every environment before
        // any is written, so one environment's refusal does not leave the others half changed. They are about the
        // input, not a guard rail, so they are not recorded as attempts.
        var gateRefusals = projections
            .Where(projection => projection.GateRefusal is not null)
            .ToDictionary(projection => projection.Environment.Name, projection => projection.GateRefusal!, StringComparer.Ordinal);
        if (gateRefusals.Count > 0)
        {
            logger.LogInformation("Refused change of {Flag} on {Environments}: {Refusal}", change.Flag, string.Join(", ", gateRefusals.Keys), gateRefusals.Values.First());
            metrics.Refused(GuardNames.GateRules, gateRefusals.Keys);
            return new FlagChangeOutcome { Guard = GuardNames.GateRules, Refusals = gateRefusals };
        }

        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<ChangeResult>(change.Requests.Count);
        foreach (var request in change.Requests)
        {
            var result = await WriteAsync(request);
            results.Add(result);
            if (!result.Accepted)
            {
                break;
            }
        }

        return new FlagChangeOutcome { Results = results, Notes = deployment.Notices };
    }

    private async Task<FlagChangeOutcome> RefuseAsync(FlagChange change, string guard, IReadOnlyDictionary<string, string> refusals)
    {
        var origin = change.Requests[0].Origin;
        logger.LogInformation(
            "{User} via {Via}: the {Guard} refused the change of {Flag} on {Environments}",
            origin.User,
            origin.Via,
            guard,
            change.Flag,
            string.Join(", ", refusals.Keys));
        metrics.Refused(guard, refusals.Keys);
        await recorder.RecordAttemptAsync(change, guard, refusals);
        return new FlagChangeOutcome { Guard = guard, Refusals = refusals };
    }

    /// <summary>
    /// Applies one environment's change without the guard rails: for set-up, imports and tests, never for a door that
    /// people or automation use (those go through <see cref="ApplyAsync(FlagChange, CancellationToken)"/>). A refusal (bad
    /// input, or a rule such as "Opt-out exists for ...") comes back in the result and nothing is written.
    /// </summary>
    public async Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        if (Validate(request) is { } problem)
        {
            return ChangeResult.Refused(problem);
        }

        return await WriteAsync(request);
    }

    // Once the request is valid, the write is not tied to the caller's connection: a client that hangs up must not
    // leave it unknown whether the change landed. The transaction itself guarantees all-or-nothing.
    private async Task<ChangeResult> WriteAsync(ChangeRequest request)
    {
        var result = await store.ApplyAsync(request, CancellationToken.None);
        if (result.Event is { } written)
        {
            await snapshots.CatchUpAsync(request.Environment, written, CancellationToken.None);
            metrics.Committed(written.Environment);
            logger.LogInformation(
                "{User} via {Via} changed {Flag} on {Environment}: {Action} (sequence {Sequence})",
                written.User,
                written.Via,
                written.Flag,
                written.Environment,
                written.Action,
                written.Sequence);
            Notify(written);
        }
        else if (!result.Accepted)
        {
            logger.LogInformation("Refused change of {Flag} on {Environment}: {Refusal}", request.Flag, request.Environment, result.Refusal);
        }

        return result;
    }

    // The change is committed whatever an observer does; one that throws is logged and the others still hear.
    private void Notify(AuditEvent written)
    {
        foreach (var observer in observers)
        {
            try
            {
                observer.OnCommitted(written);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "{Observer} failed on the change of {Flag} on {Environment}", observer.GetType().Name, written.Flag, written.Environment);
            }
        }
    }

    private string? Validate(ChangeRequest request)
    {
        if (FlagName.Validate(request.Flag) is { } nameProblem)
        {
            return nameProblem;
        }

        var environment = environments.Resolve(request.Environment);
        if (environment is null || environment.Name != request.Environment)
        {
            return environments.UnknownEnvironmentMessage(request.Environment);
        }

        if (!request.Delete && request.Operations.Count == 0)
        {
            return "A change needs at least one gate operation, or must be a delete.";
        }

        foreach (var operation in request.Operations)
        {
            if (operation.Validate(snapshots.Groups) is { } operationProblem)
            {
                return operationProblem;
            }
        }

        return null;
    }
}
