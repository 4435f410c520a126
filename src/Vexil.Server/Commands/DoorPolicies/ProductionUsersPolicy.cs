using Microsoft.Extensions.Options;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>
/// When <c>Vexil:ChatOps:ProductionUsers</c> lists anyone, only they may change protected environments from chat. Users
/// are matched by id (<c>user_id</c>), which they cannot change; the refusal names them by their user name.
/// </summary>
public sealed class ProductionUsersPolicy(IOptions<ChatOpsPolicyOptions> options) : IDoorPolicy
{
    private readonly HashSet<string> users = new(
        options.Value.ProductionUsers.Select(ChatIdentifiers.Normalize).OfType<string>(),
        StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask EvaluateAsync(DoorPolicyContext context, CancellationToken cancellationToken)
    {
        if (users.Count == 0
            || context.Request.Source != ChangeChannels.Chat
            || (ChatIdentifiers.Normalize(context.Request.UserId) is { } id && users.Contains(id)))
        {
            return ValueTask.CompletedTask;
        }

        var person = (context.Request.UserName ?? string.Empty).Trim().TrimStart('@') is { Length: > 0 } name ? name : "this user";
        foreach (var plan in context.Plans.Where(plan => plan.Environment.IsProtected))
        {
            context.Refuse(
                plan,
                $"Unable to proceed because {person} may not change feature flags on {plan.Environment.Name} from chat; ask someone listed in {ChatOpsPolicyOptions.ProductionUsersKey}.");
        }

        return ValueTask.CompletedTask;
    }
}
