using System.Globalization;
using Microsoft.Extensions.Options;
using Vexil.Server.Changes;
using Vexil.Server.Environments;
using Vexil.Server.Rollouts.Checks;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Core.State;

namespace Vexil.Server.Rollouts;

/// <summary>
/// Runs rollout plans: starts them (baselines first, then the first step at once), steps them when <c>Every</c> has
/// passed and every check held, rolls them back when a check fails, and pauses, resumes and aborts them. Every flag
/// write is an ordinary change through <see cref="FlagChangeService"/>, so every guard rail applies; a refusal pauses
/// the plan with its reason. Only the leader (<see cref="IRolloutLeadership"/>) moves plans; the runner calls
/// <see cref="RunDueAsync"/> on a timer, tests call it after moving their clock.
/// </summary>
public sealed class RolloutEngine(
    IRolloutStore store,
    IFlagStore flags,
    HealthGate health,
    FlagChangeService changes,
    SnapshotCache snapshots,
    EnvironmentCatalog environments,
    IRolloutLeadership leadership,
    IOptionsMonitor<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    // One move at a time in this process: the runner's round and a person's pause never interleave here; across
    // processes the plan's version does the same (a stale save is refused and read again).
    private readonly SemaphoreSlim moving = new(1, 1);

    /// <summary>Starts a plan: checks the request, captures the checks' baselines, stores the plan and applies its first step.</summary>
    public async Task<RolloutOutcome> StartAsync(RolloutRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (environments.Resolve(request.Environment) is not { } environment)
        {
            return RolloutOutcome.Refused(environments.UnknownEnvironmentMessage(request.Environment));
        }

        if (RolloutArguments.Validate(request.Steps).Problem is { } stepProblem)
        {
            return RolloutOutcome.Refused(stepProblem);
        }

        if (request.Every <= TimeSpan.Zero || request.Verify < TimeSpan.Zero)
        {
            return RolloutOutcome.Refused("A plan needs a positive time between steps (e.g. 15m) and a verification period of zero or more (e.g. 1d).");
        }

        var checks = request.Checks.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (health.UnknownCheck(checks) is { } unknown)
        {
            return RolloutOutcome.Refused(unknown);
        }

        if (await store.GetActiveAsync(request.Flag, environment.Name, cancellationToken) is not null)
        {
            return RolloutOutcome.Refused(new RolloutAlreadyActiveException(request.Flag, environment.Name).Message);
        }

        var (baselines, baselineProblem) = await health.CaptureBaselinesAsync(checks, cancellationToken);
        if (baselineProblem is not null)
        {
            return RolloutOutcome.Refused(baselineProblem);
        }

        var now = time.GetUtcNow();
        var steps = request.Steps.Select((percentage, index) => new RolloutStep(percentage, index == 0 ? now : null)).ToArray();
        var plan = new RolloutPlan
        {
            Flag = request.Flag,
            Environment = environment.Name,
            Steps = steps,
            Every = request.Every,
            Verify = request.Verify,
            Checks = checks,
            Baselines = baselines,
            RollbackToOff = options.CurrentValue.RollbackToOff,
            NextAt = now,
            CreatedBy = request.User,
        };

        try
        {
            plan = await store.CreateAsync(plan, cancellationToken);
        }
        catch (RolloutAlreadyActiveException exception)
        {
            return RolloutOutcome.Refused(exception.Message);
        }

        logger.LogInformation("{User} started rollout plan {Plan} of {Flag} on {Environment}: {Steps} every {Every}", request.User, plan.Id, plan.Flag, plan.Environment, string.Join(",", request.Steps), RolloutDuration.Format(plan.Every));

        // The first step is applied when the plan starts, by the leader; another replica leaves it to the leader's
        // next round, so a step never has two writers.
        if (leadership.IsLeader)
        {
            await moving.WaitAsync(cancellationToken);
            try
            {
                plan = await SaveAsync(plan, await ApplyStepAsync(plan, 0, CancellationToken.None)) ?? plan;
            }
            finally
            {
                moving.Release();
            }
        }

        return RolloutOutcome.Of(plan);
    }

    /// <summary>The active plan of a flag in an environment, or null.</summary>
    public Task<RolloutPlan?> GetActiveAsync(string flag, string environment, CancellationToken cancellationToken = default) =>
        store.GetActiveAsync(flag, environment, cancellationToken);

    /// <summary>Pauses an active plan: no step and no check until it is resumed.</summary>
    public Task<RolloutOutcome> PauseAsync(string flag, string environment, string user, CancellationToken cancellationToken = default) =>
        ControlAsync(flag, environment, "pause", cancellationToken, plan => plan.Status == RolloutStatus.Paused
            ? null
            : plan with { Status = RolloutStatus.Paused, NextAt = null, Reason = $"Paused by {user}." });

    /// <summary>Resumes a paused plan: the next step is due once <c>Every</c> has passed since the last one applied (at once after a refusal or rollback).</summary>
    public Task<RolloutOutcome> ResumeAsync(string flag, string environment, string user, CancellationToken cancellationToken = default) =>
        ControlAsync(flag, environment, "resume", cancellationToken, plan =>
        {
            if (plan.Status != RolloutStatus.Paused)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var last = plan.CurrentStep >= 0 ? plan.Steps[plan.CurrentStep].AppliedAt : null;
            var verifying = plan.CurrentStep == plan.Steps.Count - 1;
            var due = verifying
                ? (last ?? now) + plan.Verify
                : last is { } applied && applied + plan.Every > now ? applied + plan.Every : now;
            logger.LogInformation("{User} resumed rollout plan {Plan} of {Flag} on {Environment}", user, plan.Id, plan.Flag, plan.Environment);
            return plan with
            {
                Status = verifying ? RolloutStatus.Verifying : RolloutStatus.Running,
                NextAt = due,
                Reason = null,
                UnevaluableSince = new Dictionary<string, DateTimeOffset>(),
            };
        });

    /// <summary>Ends a plan for good; the flag stays as it is.</summary>
    public Task<RolloutOutcome> AbortAsync(string flag, string environment, string user, CancellationToken cancellationToken = default) =>
        ControlAsync(flag, environment, "abort", cancellationToken, plan => plan with
        {
            Status = RolloutStatus.Aborted,
            NextAt = null,
            FinishedAt = time.GetUtcNow(),
            Reason = $"Aborted by {user}; the flag stays as it is.",
        });

    /// <summary>
    /// One round: every running or verifying plan is checked and, when due, stepped. Does nothing unless this process
    /// leads. Returns when the earliest plan is next due, so the runner can wake for it.
    /// </summary>
    public async Task<DateTimeOffset?> RunDueAsync(CancellationToken cancellationToken = default)
    {
        if (!leadership.IsLeader)
        {
            return null;
        }

        DateTimeOffset? earliest = null;
        foreach (var listed in await store.ListAsync(activeOnly: true, limit: 1000, cancellationToken))
        {
            if (listed.Status == RolloutStatus.Paused)
            {
                continue;
            }

            await moving.WaitAsync(cancellationToken);
            try
            {
                // Read again under the gate: a pause saved since the list was read wins.
                if (await store.GetAsync(listed.Id, cancellationToken) is not { Status: RolloutStatus.Running or RolloutStatus.Verifying } plan)
                {
                    continue;
                }

                var moved = await AdvanceAsync(plan, cancellationToken);
                if (moved?.NextAt is { } next && (earliest is null || next < earliest))
                {
                    earliest = next;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One broken plan must not stop the others; it is tried again next round.
                logger.LogError(exception, "Rollout plan {Plan} of {Flag} on {Environment} could not move", listed.Id, listed.Flag, listed.Environment);
            }
            finally
            {
                moving.Release();
            }
        }

        return earliest;
    }

    private async Task<RolloutPlan?> AdvanceAsync(RolloutPlan plan, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (plan.CurrentStep < 0)
        {
            // Started by another replica, or rolled back below the first step and resumed: the first step is due now.
            return await SaveAsync(plan, await ApplyStepAsync(plan, 0, CancellationToken.None));
        }

        var (readings, unevaluable) = await health.EvaluateAsync(plan, now, cancellationToken);
        var next = plan with { LatestChecks = readings, UnevaluableSince = unevaluable };
        if (readings.FirstOrDefault(reading => reading.Outcome == CheckReading.Failed) is { } failed)
        {
            return await SaveAsync(plan, await RollbackAsync(next, failed, CancellationToken.None));
        }

        // Every check must have held, not merely not failed: an unevaluable one holds the plan where it is.
        var held = readings.All(reading => reading.Outcome == CheckReading.Passed);
        if (held && plan.NextAt is { } due && now >= due)
        {
            if (plan.Status == RolloutStatus.Verifying)
            {
                logger.LogInformation("Rollout plan {Plan} of {Flag} on {Environment} is complete", plan.Id, plan.Flag, plan.Environment);
                next = next with { Status = RolloutStatus.Completed, NextAt = null, FinishedAt = now };
            }
            else if (plan.NextStep is { } step)
            {
                next = await ApplyStepAsync(next, step, CancellationToken.None);
            }
        }

        return await SaveAsync(plan, next);
    }

    // Applies one step through the write path, exactly once per (plan, attempt, step): when the audit trail already has
    // the step's change (a leader died after the change and before saving the plan), that change is taken as the step.
    private async Task<RolloutPlan> ApplyStepAsync(RolloutPlan plan, int step, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var percentage = plan.Steps[step].Percentage;
        var label = $"Step {step + 1} of {plan.Steps.Count} ({Percent(percentage)})";
        long? eventId;
        DateTimeOffset appliedAt;
        if (await store.FindStepChangeAsync(plan.Environment, plan.Flag, plan.StepKey(step), cancellationToken) is { } found)
        {
            logger.LogInformation("Rollout plan {Plan}: step {Step} was already applied (audit event {Event}); not applying it again", plan.Id, step + 1, found.Id);
            (eventId, appliedAt) = (found.Id, found.OccurredAt);
        }
        else
        {
            var current = snapshots.Get(plan.Environment).GetState(plan.Flag);
            var outcome = await changes.ApplyAsync(RolloutChanges.Step(plan, step, current), cancellationToken);
            var refusal = outcome.Problem
                ?? (outcome.Refused ? $"the {outcome.Guard?.Replace('_', ' ')} refused it: {outcome.RefusalText}" : null)
                ?? outcome.Results.FirstOrDefault(result => !result.Accepted)?.Refusal;
            if (refusal is not null)
            {
                logger.LogWarning("Rollout plan {Plan} of {Flag} on {Environment} paused: {Step} was refused: {Refusal}", plan.Id, plan.Flag, plan.Environment, label, refusal);
                return plan with { Status = RolloutStatus.Paused, NextAt = null, Reason = $"{label} was not applied, {refusal} Resume the plan when that is resolved." };
            }

            var written = outcome.Results.Count > 0 ? outcome.Results[0].Event : null;
            (eventId, appliedAt) = (written?.Id, written?.OccurredAt ?? now);
        }

        var steps = plan.Steps.ToArray();
        steps[step] = steps[step] with { AppliedAt = appliedAt, AuditEventId = eventId, PlannedAt = steps[step].PlannedAt ?? appliedAt };
        var last = step == steps.Length - 1;
        var due = appliedAt + (last ? plan.Verify : plan.Every);
        if (!last)
        {
            steps[step + 1] = steps[step + 1] with { PlannedAt = due };
        }

        var status = !last ? RolloutStatus.Running : plan.Verify > TimeSpan.Zero ? RolloutStatus.Verifying : RolloutStatus.Completed;
        logger.LogInformation("Rollout plan {Plan} of {Flag} on {Environment}: {Step} applied", plan.Id, plan.Flag, plan.Environment, label);
        return plan with
        {
            Steps = steps,
            CurrentStep = step,
            Status = status,
            NextAt = status == RolloutStatus.Completed ? null : due,
            FinishedAt = status == RolloutStatus.Completed ? appliedAt : null,
            Reason = null,
        };
    }

    // Back to the last step that held (or off), at once, as the plan's own change; then paused with the reason.
    private async Task<RolloutPlan> RollbackAsync(RolloutPlan plan, CheckReading failed, CancellationToken cancellationToken)
    {
        var toOff = plan.RollbackToOff;
        var target = toOff ? (double?)null : plan.CurrentStep >= 1 ? plan.Steps[plan.CurrentStep - 1].Percentage : 0;
        var from = Percent(plan.Steps[plan.CurrentStep].Percentage);
        var to = target is { } percentage ? Percent(percentage) : "off";
        var why = failed.Value is { } value
            ? $"check {failed.Check} = {Number(value)} is over its limit {failed.Threshold} (query: {failed.Query})"
            : $"check {failed.Check} could not be evaluated: {failed.Problem} (query: {failed.Query})";
        var reason = $"Rolled back from {from} to {to}: {why}.";
        var current = await GatesToKeepAsync(plan, cancellationToken);
        var outcome = await changes.ApplyAsync(RolloutChanges.Rollback(plan, target, current, failed, reason), cancellationToken);
        var refusal = outcome.Problem ?? outcome.RefusalText ?? outcome.Results.FirstOrDefault(result => !result.Accepted)?.Refusal;
        if (refusal is not null)
        {
            logger.LogError("Rollout plan {Plan} of {Flag} on {Environment}: the rollback after a failed check was refused: {Refusal}", plan.Id, plan.Flag, plan.Environment, refusal);
            return plan with
            {
                Status = RolloutStatus.Paused,
                NextAt = null,
                Reason = $"A check failed ({why}) but the rollback to {to} was refused: {refusal} The flag is still at {from}; set it by hand.",
            };
        }

        logger.LogWarning("Rollout plan {Plan} of {Flag} on {Environment}: {Reason}", plan.Id, plan.Flag, plan.Environment, reason);
        return plan with
        {
            Status = RolloutStatus.Paused,
            NextAt = null,
            CurrentStep = target is null ? -1 : plan.CurrentStep - 1,
            Attempt = plan.Attempt + 1,
            Reason = reason + " Resume the plan to try again, or abort it.",
        };
    }

    // The actors, groups and opt-outs a rollback must keep. A global enable clears every other gate (as GitLab's
    // `feature set NAME true` does), so going back from it restores them from the state before that step's change.
    private async Task<FlagState?> GatesToKeepAsync(RolloutPlan plan, CancellationToken cancellationToken)
    {
        var current = snapshots.Get(plan.Environment).GetState(plan.Flag);
        if (current is not { Boolean: true } || plan.Steps[plan.CurrentStep].AuditEventId is not { } stepEvent)
        {
            return current;
        }

        var recent = await flags.QueryAuditAsync(new AuditQuery(Flag: plan.Flag, Environment: plan.Environment, PageSize: AuditQuery.MaxPageSize), cancellationToken);
        var before = recent.Events.FirstOrDefault(change => change.Id == stepEvent)?.Before;
        return before is null ? current : before with { Boolean = true };
    }

    private async Task<RolloutOutcome> ControlAsync(string flag, string environment, string verb, CancellationToken cancellationToken, Func<RolloutPlan, RolloutPlan?> change)
    {
        if (environments.Resolve(environment) is not { } resolved)
        {
            return RolloutOutcome.Refused(environments.UnknownEnvironmentMessage(environment));
        }

        await moving.WaitAsync(cancellationToken);
        try
        {
            // A save refused because the leader moved the plan meanwhile is read and tried again.
            for (var attempt = 0; attempt < 5; attempt++)
            {
                if (await store.GetActiveAsync(flag, resolved.Name, cancellationToken) is not { } plan)
                {
                    return RolloutOutcome.Refused($"{flag} has no active rollout plan on {resolved.Name}; start one with `feature rollout {flag} --{resolved.Name}`.");
                }

                if (change(plan) is not { } changed)
                {
                    return RolloutOutcome.Refused($"Rollout plan {plan.Id} of {flag} on {resolved.Name} is {RolloutStatuses.Word(plan.Status)}; there is nothing to {verb}.");
                }

                if (await SaveAsync(plan, changed) is { } saved)
                {
                    return RolloutOutcome.Of(saved);
                }
            }

            return RolloutOutcome.Refused($"Rollout plan of {flag} on {resolved.Name} kept changing while it was being saved; try again.");
        }
        finally
        {
            moving.Release();
        }
    }

    // Saves next over read; null (and logged) when another writer saved the plan since it was read.
    private async Task<RolloutPlan?> SaveAsync(RolloutPlan read, RolloutPlan next)
    {
        var saved = await store.SaveAsync(next with { Version = read.Version, UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
        if (saved is null)
        {
            logger.LogInformation("Rollout plan {Plan} was changed by someone else meanwhile; it is read again next round", read.Id);
        }

        return saved;
    }

    private static string Percent(double value) => value >= 100 ? "100% (enabled globally)" : value.ToString(CultureInfo.InvariantCulture) + "%";

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
