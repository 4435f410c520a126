using Vexil.Core.Actors;
using Vexil.Core.Gates;
using Vexil.Core.Groups;

namespace Vexil.Core.State;

/// <summary>
/// One change to a flag's gates, with Flipper's rules and GitLab's refusals. Operations are values: the store
/// applies them to the current state inside its transaction, so concurrent writers never lose each other's work.
/// </summary>
public abstract record GateOperation
{
    private protected GateOperation()
    {
    }

    /// <summary>
    /// Applies the operation. Returns null and the new state on success, or GitLab's refusal message and the
    /// unchanged state.
    /// </summary>
    public abstract string? ApplyTo(FlagState current, out FlagState next);

    /// <summary>
    /// Checks the operation's input before it reaches a store: actor ids must be storable and an enabled feature group
    /// must be registered. Returns null when valid, otherwise a sentence saying what to do.
    /// </summary>
    public virtual string? Validate(FeatureGroupRegistry groups) => null;

    /// <summary>A short description for logs and audit titles, e.g. "enable actor User:1".</summary>
    public abstract string Describe();

    /// <summary>The action's name in audit events, after GitLab's <c>Feature</c> methods, e.g. <c>enable_actor</c>.</summary>
    public abstract string Action { get; }

    /// <summary>Enable for everyone. Clears every other gate (Flipper >= 0.17.2).</summary>
    public static GateOperation EnableBoolean() => new EnableBooleanOperation();

    /// <summary>Disable: clears every gate; the flag stays persisted.</summary>
    public static GateOperation DisableBoolean() => new DisableBooleanOperation();

    /// <summary>Adds one actor.</summary>
    public static GateOperation EnableActor(string actorId) => new EnableActorOperation(actorId);

    /// <summary>Removes one actor.</summary>
    public static GateOperation DisableActor(string actorId) => new DisableActorOperation(actorId);

    /// <summary>Adds one feature group.</summary>
    public static GateOperation EnableGroup(string group) => new EnableGroupOperation(group);

    /// <summary>Removes one feature group.</summary>
    public static GateOperation DisableGroup(string group) => new DisableGroupOperation(group);

    /// <summary>Sets the percentage of actors; 0 turns the gate off.</summary>
    public static GateOperation SetPercentageOfActors(Percentage percentage) => new SetPercentageOfActorsOperation(percentage);

    /// <summary>Sets the percentage of time; 0 turns the gate off.</summary>
    public static GateOperation SetPercentageOfTime(Percentage percentage) => new SetPercentageOfTimeOperation(percentage);

    /// <summary>GitLab's opt-out: the actor is never enabled by this flag.</summary>
    public static GateOperation OptOut(string actorId) => new OptOutOperation(actorId);

    /// <summary>Removes an existing opt-out.</summary>
    public static GateOperation RemoveOptOut(string actorId) => new RemoveOptOutOperation(actorId);
}

internal sealed record EnableBooleanOperation : GateOperation
{
    public override string Action => "enable";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = FlagState.Empty with { Boolean = true };
        return null;
    }

    public override string Describe() => "enable";
}

internal sealed record DisableBooleanOperation : GateOperation
{
    public override string Action => "disable";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = FlagState.Empty;
        return null;
    }

    public override string Describe() => "disable";
}

internal sealed record EnableActorOperation(string ActorId) : GateOperation
{
    public override string? Validate(FeatureGroupRegistry groups) => Actors.ActorId.Validate(ActorId);

    public override string Action => "enable_actor";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current;
        if (current.HasOptedOut(ActorId))
        {
            return $"Opt-out exists for {ActorId} - remove opt-out before enabling";
        }

        next = current with { Actors = current.Actors.Add(ActorId) };
        return null;
    }

    public override string Describe() => $"enable actor {ActorId}";
}

internal sealed record DisableActorOperation(string ActorId) : GateOperation
{
    public override string? Validate(FeatureGroupRegistry groups) => Actors.ActorId.Validate(ActorId);

    public override string Action => "disable_actor";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current with { Actors = current.Actors.Remove(ActorId) };
        return null;
    }

    public override string Describe() => $"disable actor {ActorId}";
}

internal sealed record EnableGroupOperation(string Group) : GateOperation
{
    public override string? Validate(FeatureGroupRegistry groups) =>
        groups.Contains(Group)
            ? null
            : groups.Names.Count == 0
                ? $"Unknown feature group '{Group}': no feature groups are registered; declare one under Vexil:FeatureGroups."
                : $"Unknown feature group '{Group}'. Registered feature groups: {string.Join(", ", groups.Names)}.";

    public override string Action => "enable_group";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current with { Groups = current.Groups.Add(Group) };
        return null;
    }

    public override string Describe() => $"enable group {Group}";
}

internal sealed record DisableGroupOperation(string Group) : GateOperation
{
    public override string Action => "disable_group";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current with { Groups = current.Groups.Remove(Group) };
        return null;
    }

    public override string Describe() => $"disable group {Group}";
}

internal sealed record SetPercentageOfActorsOperation(Percentage Percentage) : GateOperation
{
    public override string Action => "enable_percentage_of_actors";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current;
        if (Percentage.IsEnabled && current.Status == FlagStatus.On)
        {
            // GitLab's sentence first (clients match on it), then the way out it leaves unsaid.
            return "Cannot enable percentage of actors for a fully-enabled flag. "
                + "To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), "
                + "then set the percentage of actors.";
        }

        next = current with { PercentageOfActors = Percentage };
        return null;
    }

    public override string Describe() => $"set percentage of actors to {Percentage}%";
}

internal sealed record SetPercentageOfTimeOperation(Percentage Percentage) : GateOperation
{
    public override string Action => "enable_percentage_of_time";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current;
        if (Percentage.IsEnabled && current.Status == FlagStatus.On)
        {
            // GitLab's sentence first (clients match on it), then the way out it leaves unsaid.
            return "Cannot enable percentage of time for a fully-enabled flag. "
                + "To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), "
                + "then set the percentage of time.";
        }

        next = current with { PercentageOfTime = Percentage };
        return null;
    }

    public override string Describe() => $"set percentage of time to {Percentage}%";
}

internal sealed record OptOutOperation(string ActorId) : GateOperation
{
    public override string? Validate(FeatureGroupRegistry groups) => Actors.ActorId.Validate(ActorId);

    public override string Action => "opt_out";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current with { Actors = current.Actors.Add(FlagState.OptOutEntry(ActorId)) };
        return null;
    }

    public override string Describe() => $"opt out actor {ActorId}";
}

internal sealed record RemoveOptOutOperation(string ActorId) : GateOperation
{
    public override string? Validate(FeatureGroupRegistry groups) => Actors.ActorId.Validate(ActorId);

    public override string Action => "remove_opt_out";

    public override string? ApplyTo(FlagState current, out FlagState next)
    {
        next = current;
        if (!current.HasOptedOut(ActorId))
        {
            return $"No opt-out exists for {ActorId}";
        }

        next = current with { Actors = current.Actors.Remove(FlagState.OptOutEntry(ActorId)) };
        return null;
    }

    public override string Describe() => $"remove opt-out for actor {ActorId}";
}
