using Vexil.Core.Collections;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;

namespace Vexil.Core.Evaluation;

/// <summary>
/// One flag ready for evaluation: its enabled gates in Flipper's order, its opt-outs, or its definition default
/// when it has no stored state. Built once per snapshot; evaluating it allocates nothing.
/// </summary>
public sealed class CompiledFlag
{
    private static readonly Gate[] OnForEveryone = [BooleanGate.Instance];
    private static readonly Gate[] NoGates = [];

    private readonly Gate[] gates;
    private readonly StringSet? optedOut;
    private readonly bool? definitionDefault;

    private CompiledFlag(string name, FlagState? state, Gate[] gates, StringSet? optedOut, bool? definitionDefault)
    {
        Name = name;
        State = state;
        this.gates = gates;
        this.optedOut = optedOut;
        this.definitionDefault = definitionDefault;
        Status = state?.Status ?? (definitionDefault == true ? FlagStatus.On : FlagStatus.Off);
    }

    /// <summary>The flag's name.</summary>
    public string Name { get; }

    /// <summary>The stored state, or null when the flag is only defined.</summary>
    public FlagState? State { get; }

    /// <summary>On, conditional or off.</summary>
    public FlagStatus Status { get; }

    /// <summary>True when the flag has a stored state in this environment.</summary>
    public bool IsPersisted => State is not null;

    /// <summary>Compiles a stored state.</summary>
    public static CompiledFlag FromState(string name, FlagState state, FeatureGroupRegistry groups)
    {
        // A plain loop, not LINQ: a whole-snapshot rebuild compiles every flag, and most have no actors at all.
        List<string>? optedOut = null;
        if (state.Actors.Count > 0)
        {
            foreach (var actor in state.Actors)
            {
                if (actor.Length > FlagState.OptOutSuffix.Length && actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal))
                {
                    (optedOut ??= []).Add(actor[..^FlagState.OptOutSuffix.Length]);
                }
            }
        }

        return new CompiledFlag(name, state, CompileGates(name, state, groups), optedOut is null ? null : StringSet.Create(optedOut), null);
    }

    /// <summary>A flag with a definition and no stored state: it answers the definition's <c>default_enabled</c>.</summary>
    public static CompiledFlag FromDefinitionDefault(string name, bool defaultEnabled) =>
        new(name, null, NoGates, null, defaultEnabled);

    /// <summary>Decides the flag for these actors (none, one or several).</summary>
    public FlagEvaluation Evaluate(ReadOnlySpan<string> actors)
    {
        if (definitionDefault is { } fallback)
        {
            return new FlagEvaluation(fallback, EvaluationReason.Default);
        }

        if (optedOut is not null && optedOut.ContainsAny(actors))
        {
            return new FlagEvaluation(false, EvaluationReason.OptedOut);
        }

        foreach (var gate in gates)
        {
            if (gate.IsOpen(actors))
            {
                return new FlagEvaluation(true, gate.Reason);
            }
        }

        return new FlagEvaluation(false, Status == FlagStatus.Off ? EvaluationReason.Disabled : EvaluationReason.NoMatch);
    }

    // Flipper's gate order (v1.1+): boolean, actor, percentage of actors, percentage of time, group. The result is an
    // OR, so order changes only which reason is reported and how soon the cheap gates answer.
    private static Gate[] CompileGates(string name, FlagState state, FeatureGroupRegistry groups)
    {
        var status = state.Status;
        if (status == FlagStatus.On)
        {
            return OnForEveryone;
        }

        if (status == FlagStatus.Off)
        {
            return NoGates;
        }

        var gates = new List<Gate>(4);
        if (state.Actors.Count > 0)
        {
            gates.Add(new ActorGate(state.Actors));
        }

        if (state.PercentageOfActors.IsEnabled)
        {
            gates.Add(new PercentageOfActorsGate(name, state.PercentageOfActors));
        }

        if (state.PercentageOfTime.IsEnabled)
        {
            gates.Add(new PercentageOfTimeGate(state.PercentageOfTime));
        }

        if (state.Groups.Count > 0)
        {
            gates.Add(new GroupGate(state.Groups, groups));
        }

        return gates.ToArray();
    }
}
