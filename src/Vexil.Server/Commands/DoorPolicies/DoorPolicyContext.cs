using Vexil.Server.Commands.Execution;
using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>What the door policies look at, and where they record refusals (the first refusal per environment stands).</summary>
public sealed class DoorPolicyContext
{
    private readonly Dictionary<string, string> refusals = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    public DoorPolicyContext(CommandRequest request, FeatureCommand command, IReadOnlyList<EnvironmentPlan> plans, string user, CommandProgress? progress)
    {
        Request = request;
        Command = command;
        Plans = plans;
        User = user;
        Progress = progress;
    }

    /// <summary>The request.</summary>
    public CommandRequest Request { get; }

    /// <summary>The parsed command.</summary>
    public FeatureCommand Command { get; }

    /// <summary>One plan per environment, in configured order.</summary>
    public IReadOnlyList<EnvironmentPlan> Plans { get; }

    /// <summary>Who is asking (as recorded in the audit).</summary>
    public string User { get; }

    /// <summary>Where to report slow work, or null.</summary>
    public CommandProgress? Progress { get; }

    /// <summary>The refusals so far, by environment name.</summary>
    public IReadOnlyDictionary<string, string> Refusals => refusals;

    /// <summary>Refuses the change in one environment (keeps an earlier refusal there).</summary>
    public void Refuse(EnvironmentPlan plan, string message) => refusals.TryAdd(plan.Environment.Name, message);
}
