using Vexil.Core.Naming;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// The one write path every entry point uses (REST, chat, CLI, dashboard, rollouts): checks the change, commits it
/// through the store in one transaction, then brings the environment's snapshot up to date so the next evaluation on
/// this server sees it, and tells the <see cref="IChangeObserver"/>s. Policies (production checks, consistency) sit in front of this, in the command layer.
/// </summary>
public sealed class FlagChangeService(
    IFlagStore store,
    SnapshotCache snapshots,
    EnvironmentCatalog environments,
    IEnumerable<IChangeObserver> observers,
    ILogger<FlagChangeService> logger)
{
    /// <summary>
    /// Applies a change. A refusal (bad input, or a rule such as "Opt-out exists for ...") comes back in the result
    /// and nothing is written.
    /// </summary>
    public async Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        if (Validate(request) is { } problem)
        {
            return ChangeResult.Refused(problem);
        }

        // Once the request is valid, the write is not tied to the caller's connection: a client that hangs up must
        // not leave it unknown whether the change landed. The transaction itself guarantees all-or-nothing.
        var result = await store.ApplyAsync(request, CancellationToken.None);
        if (result.Event is { } written)
        {
            await snapshots.CatchUpAsync(request.Environment, written, CancellationToken.None);
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
