using Vexil.Server.Commands.Execution;

namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>The caller's token must allow writing in every environment the command changes.</summary>
public sealed class TokenRightsPolicy : IDoorPolicy
{
    /// <inheritdoc />
    public ValueTask EvaluateAsync(DoorPolicyContext context, CancellationToken cancellationToken)
    {
        foreach (var plan in context.Plans)
        {
            if (TokenAccess.ChangeRefusal(context.Request, plan.Environment) is { } refusal)
            {
                context.Refuse(plan, refusal);
            }
        }

        return ValueTask.CompletedTask;
    }
}
