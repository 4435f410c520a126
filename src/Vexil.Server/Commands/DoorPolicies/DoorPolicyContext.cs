using Vexil.Server.Commands.Execution;

namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>What the door policies look at, and where they record refusals (the first refusal per environment stands).</summary>
public sealed class DoorPolicyContext
{
    private readonly Dictionary<string, string> refusals = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    public DoorPolicyContext(CommandRequest request, IReadOnlyList<EnvironmentPlan> plans)
    {
        Request = request;
        Plans = plans;
    }

    /// <summary>The request.</summary>
    public CommandRequest Request { get; }

    /// <summary>One plan per environment, in configured order.</summary>
    public IReadOnlyList<EnvironmentPlan> Plans { get; }

    /// <summary>The refusals so far, by environment name.</summary>
    public IReadOnlyDictionary<string, string> Refusals => refusals;

    /// <summary>Refuses the change in one environment (keeps an earlier refusal there).</summary>
    public void Refuse(EnvironmentPlan plan, string message) => refusals.TryAdd(plan.Environment.Name, message);
}
