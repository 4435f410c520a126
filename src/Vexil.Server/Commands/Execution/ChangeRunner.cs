using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.DoorPolicies;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// Runs a planned change (set or delete) across its environments: the door's policies first (token rights, the
/// production channel and user list), then <see cref="FlagChangeService"/>, which runs the guard rails every door
/// shares and only when none refuses writes one environment at a time in configured order. So a refused production
/// check leaves staging untouched too. The one gap is a concurrent change between checking and writing that makes the
/// store refuse a later environment: the earlier ones stay written and the answer says exactly which.
/// </summary>
public sealed class ChangeRunner(
    DoorPolicyOrder policies,
    FlagChangeService changes,
    AuditRecorder recorder,
    DefinitionRegistry definitions,
    ConsistencyScope consistency,
    ILogger<ChangeRunner> logger)
{
    /// <summary>Checks and applies the plans.</summary>
    public async Task<CommandResult> RunAsync(
        CommandRequest request,
        FeatureCommand command,
        IReadOnlyList<EnvironmentPlan> plans,
        CommandProgress? progress,
        CancellationToken cancellationToken)
    {
        var definition = definitions.Current.TryGet(command.Name!, out var found) ? found : null;
        var change = new FlagChange(
            plans.Select(plan =>
            {
                var origin = ChangeOrigins.For(request, command, plan, definition, consistency);
                return plan.Delete
                    ? ChangeRequest.Remove(plan.Environment.Name, command.Name!, origin)
                    : new ChangeRequest(plan.Environment.Name, command.Name!, plan.Operations, false, origin);
            }).ToArray(),
            command.Subcommand is FeatureSubcommand.Delete or FeatureSubcommand.Cleanup ? "deleted" : command.Value!)
        {
            Overrides = new ChangeOverrides(command.IgnoreProductionCheck, command.IgnoreConsistencyCheck, command.Force, command.IgnoreDeploymentCheck),
            Progress = progress,
            ForceHint = "use --force",
        };

        var user = ChangeOrigins.UserOf(request);
        var context = new DoorPolicyContext(request, plans);
        foreach (var policy in policies.InOrder)
        {
            await policy.EvaluateAsync(context, cancellationToken);
            if (context.Refusals.Count > 0)
            {
                logger.LogInformation(
                    "{User} via {Source}: {Policy} refused `{Command}` on {Environments}",
                    user,
                    request.Source,
                    policy.GetType().Name,
                    command.Subcommand,
                    string.Join(", ", context.Refusals.Keys));
                await recorder.RecordAttemptAsync(change, GuardOf(policy), context.Refusals);
                return Refused(plans, context.Refusals);
            }
        }

        var outcome = await changes.ApplyAsync(change, cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return CommandResult.Usage(problem);
        }

        if (outcome.Refused)
        {
            return Refused(plans, outcome.Refusals);
        }

        var results = new List<EnvironmentResult>();
        string? stoppedAt = null;
        string? refusal = null;
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (i >= outcome.Results.Count)
            {
                results.Add(new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Skipped)
                {
                    Message = $"{plan.Environment.Name}: not changed, because the change was refused on {stoppedAt}.",
                });
                continue;
            }

            var result = outcome.Results[i];
            if (!result.Accepted)
            {
                stoppedAt = plan.Environment.Name;
                refusal = result.Refusal;
                results.Add(new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Refused) { Message = result.Refusal });
                continue;
            }

            results.Add(plan.Delete
                ? new EnvironmentResult(plan.Environment.Name, result.Event is null ? EnvironmentStatus.Unchanged : EnvironmentStatus.Changed)
                {
                    Message = CommandMessages.Removed(command.Name!, plan.Environment.Name),
                }
                : new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Changed)
                {
                    Flag = FlagSummaries.Of(command.Name!, result.Event?.After ?? FlagState.Empty),
                });
        }

        if (refusal is not null)
        {
            return CommandResult.Refused(refusal, results, []);
        }

        return CommandResult.Success(command.Subcommand == FeatureSubcommand.Set ? CommandMessages.Updated : null, results, outcome.Notes);
    }

    // The door's policies, named as attempts record them.
    private static string GuardOf(IDoorPolicy policy) => policy switch
    {
        ProductionChannelPolicy => GuardNames.ProductionChannel,
        ProductionUsersPolicy => GuardNames.ProductionUsers,
        _ => GuardNames.TokenRights,
    };

    private static CommandResult Refused(IReadOnlyList<EnvironmentPlan> plans, IReadOnlyDictionary<string, string> refusals)
    {
        var refusedAt = string.Join(", ", plans.Where(plan => refusals.ContainsKey(plan.Environment.Name)).Select(plan => plan.Environment.Name));
        var results = plans.Select(plan => refusals.TryGetValue(plan.Environment.Name, out var message)
                ? new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Refused) { Message = message }
                : new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Skipped)
                {
                    Message = $"{plan.Environment.Name}: not changed, because the change was refused on {refusedAt}.",
                })
            .ToArray();

        // GitLab joins the errors of several environments with new lines; the same sentence is said once.
        var headline = string.Join('\n', plans
            .Where(plan => refusals.ContainsKey(plan.Environment.Name))
            .Select(plan => refusals[plan.Environment.Name])
            .Distinct(StringComparer.Ordinal));
        return CommandResult.Refused(headline, results, []);
    }
}
