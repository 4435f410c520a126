using Microsoft.Extensions.Options;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Policies;

/// <summary>When <c>Vexil:ChatOps:ProductionUsers</c> lists anyone, only they may change protected environments from chat.</summary>
public sealed class ProductionUsersPolicy(IOptions<ChatOpsPolicyOptions> options) : IChangePolicy
{
    private readonly HashSet<string> users = new(
        options.Value.ProductionUsers.Select(Normalize).Where(user => user.Length > 0),
        StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public bool AppliesTo(FeatureSubcommand subcommand) => true;

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        if (users.Count == 0 || context.Request.Source != ChangeChannels.Chat || users.Contains(Normalize(context.Request.UserName)))
        {
            return ValueTask.CompletedTask;
        }

        foreach (var plan in context.Plans.Where(plan => plan.Environment.IsProtected))
        {
            context.Refuse(
                plan,
                $"Unable to proceed because {Normalize(context.Request.UserName)} may not change feature flags on {plan.Environment.Name} from chat; ask someone listed in Vexil:ChatOps:ProductionUsers.");
        }

        return ValueTask.CompletedTask;
    }

    private static string Normalize(string? name) => (name ?? string.Empty).Trim().TrimStart('@');
}
