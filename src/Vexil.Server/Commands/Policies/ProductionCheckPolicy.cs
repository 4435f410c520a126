using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.ProductionChecks;

namespace Vexil.Server.Commands.Policies;

/// <summary>
/// GitLab's set check 7: before a protected environment changes, the production check must pass, unless the command
/// says <c>--ignore-production-check</c>. It runs once for all protected environments of the command.
/// </summary>
public sealed class ProductionCheckPolicy(IProductionCheck check) : IChangePolicy
{
    /// <inheritdoc />
    public bool AppliesTo(FeatureSubcommand subcommand) => true;

    /// <inheritdoc />
    public async ValueTask EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        var guarded = context.Plans.Where(plan => plan.Environment.IsProtected).ToArray();
        if (context.Command.IgnoreProductionCheck || guarded.Length == 0)
        {
            return;
        }

        var request = new ProductionCheckRequest(
            context.Command.Name!,
            context.Command.Subcommand == FeatureSubcommand.Delete ? "deleted" : context.Command.Value!,
            guarded.Select(plan => plan.Environment.Name).ToArray(),
            context.User,
            context.Request.Source);
        var result = await check.CheckAsync(request, context.Progress, cancellationToken);
        if (result.Safe)
        {
            return;
        }

        var message = result.TimedOut && result.Problems.Count == 0
            ? CommandMessages.ProductionCheckTimedOut
            : string.Join('\n', result.Problems
                .Concat(result.TimedOut ? [CommandMessages.ProductionCheckTimedOut] : [])
                .Select(problem => "- " + problem)
                .Prepend(CommandMessages.ProductionCheckFailed));
        foreach (var plan in guarded)
        {
            context.Refuse(plan, message);
        }
    }
}
