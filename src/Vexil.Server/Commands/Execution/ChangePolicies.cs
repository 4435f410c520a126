using Vexil.Server.Commands.Policies;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// The change policies in the order they run: token rights, GitLab's checks 6 (production channel, then Vexil's
/// production users), 7 (production check) and 8 (consistency), then the gate rules. Each runs across every
/// environment of the command; the first policy that refuses anywhere ends the checking, since a later one could not
/// change the answer and the production check may take minutes.
/// </summary>
public sealed class ChangePolicies(
    TokenPermissionPolicy tokens,
    ProductionChannelPolicy channel,
    ProductionUsersPolicy users,
    ProductionCheckPolicy productionCheck,
    ConsistencyPolicy consistency,
    GateRulesPolicy gateRules)
{
    /// <summary>The policies, in order.</summary>
    public IReadOnlyList<IChangePolicy> InOrder { get; } = [tokens, channel, users, productionCheck, consistency, gateRules];
}
