using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Policies;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// Runs a planned change (set or delete) across its environments: every policy first, for every environment, and only
/// when none refuses anything, the writes, one environment at a time in configured order through
/// <see cref="FlagChangeService"/>. So a refused production check leaves staging untouched too. The one gap is a
/// concurrent change between planning and writing that makes the store refuse a later environment: the earlier ones
/// stay written and the answer says exactly which.
/// </summary>
public sealed class ChangeRunner(
    ChangePolicies policies,
    FlagChangeService changes,
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
        var user = ChangeOrigins.UserOf(request);
        var context = new PolicyContext(request, command, plans, user, progress);
        foreach (var policy in policies.InOrder.Where(policy => policy.AppliesTo(command.Subcommand)))
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
                return Refused(plans, context.Refusals, Notes(command));
            }
        }

        var definition = definitions.Current.TryGet(command.Name!, out var found) ? found : null;
        var results = new List<EnvironmentResult>();
        string? stoppedAt = null;
        string? refusal = null;
        foreach (var plan in plans)
        {
            if (stoppedAt is not null)
            {
                results.Add(new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Skipped)
                {
                    Message = $"{plan.Environment.Name}: not changed, because the change was refused on {stoppedAt}.",
                });
                continue;
            }

            var origin = ChangeOrigins.For(request, command, plan, definition, consistency);
            var change = plan.Delete
                ? ChangeRequest.Remove(plan.Environment.Name, command.Name!, origin)
                : new ChangeRequest(plan.Environment.Name, command.Name!, plan.Operations, false, origin);

            // Once writing has started it finishes, whatever the caller does: a half-applied command is worse.
            var result = await changes.ApplyAsync(change, CancellationToken.None);
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
                    Flag = FlagSummaries.Of(command.Name!, result.Event?.After ?? plan.Projected ?? FlagState.Empty),
                });
        }

        if (refusal is not null)
        {
            return CommandResult.Refused(refusal, results, Notes(command));
        }

        return CommandResult.Success(command.Subcommand == FeatureSubcommand.Set ? CommandMessages.Updated : null, results, Notes(command));
    }

    private static CommandResult Refused(IReadOnlyList<EnvironmentPlan> plans, IReadOnlyDictionary<string, string> refusals, IReadOnlyList<string> notes)
    {
        var refusedAt = string.Join(", ", refusals.Keys);
        var results = plans.Select(plan => refusals.TryGetValue(plan.Environment.Name, out var message)
                ? new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Refused) { Message = message }
                : new EnvironmentResult(plan.Environment.Name, EnvironmentStatus.Skipped)
                {
                    Message = $"{plan.Environment.Name}: not changed, because the change was refused on {refusedAt}.",
                })
            .ToArray();

        // GitLab joins the errors of several environments with new lines; the same sentence is said once.
        var headline = string.Join('\n', refusals.Values.Distinct(StringComparer.Ordinal));
        return CommandResult.Refused(headline, results, notes);
    }

    // A set of a flag nobody defined is most often a typo; a delete of one is the normal clean-up after its removal.
    private List<string> Notes(FeatureCommand command) =>
        command.Subcommand != FeatureSubcommand.Set || definitions.Current.Contains(command.Name!)
            ? []
            : [$"No definition of '{command.Name}' is loaded on this server; check the name for typos (`feature list` shows the stored flags)."];
}
