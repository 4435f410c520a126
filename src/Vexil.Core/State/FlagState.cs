using System.Collections.Immutable;
using Vexil.Core.Actors;
using Vexil.Core.Gates;

namespace Vexil.Core.State;

/// <summary>
/// The stored gate values of one flag in one environment. Immutable: a change produces a new state through
/// <see cref="GateOperation.ApplyTo"/>, so a snapshot that holds a state can never see it change.
/// </summary>
public sealed record FlagState
{
    /// <summary>A persisted flag with every gate off.</summary>
    public static readonly FlagState Empty = new();

    /// <summary>The boolean gate: on for everyone.</summary>
    public bool Boolean { get; init; }

    /// <summary>Actor ids (flipper ids) the flag is enabled for, in Ruby's sort order; may hold "&lt;id&gt;:opt_out" entries.</summary>
    public ImmutableSortedSet<string> Actors { get; init; } = ImmutableSortedSet.Create<string>(RubyStringComparer.Instance);

    /// <summary>Feature group names the flag is enabled for.</summary>
    public ImmutableSortedSet<string> Groups { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Percentage of actors, bucketed by CRC-32 of flag name and actor ids.</summary>
    public Percentage PercentageOfActors { get; init; }

    /// <summary>Percentage of time: a random draw per evaluation.</summary>
    public Percentage PercentageOfTime { get; init; }

    /// <summary>On, conditional or off, by Flipper's rules (100% of actors is still conditional).</summary>
    public FlagStatus Status =>
        Boolean || PercentageOfTime == Percentage.Full ? FlagStatus.On
        : Actors.Count > 0 || Groups.Count > 0 || PercentageOfActors.IsEnabled || PercentageOfTime.IsEnabled ? FlagStatus.Conditional
        : FlagStatus.Off;

    /// <summary>True when the flag is on or conditional: "enabled" in the sense of GitLab's consistency check.</summary>
    public bool IsEnabledAnywhere => Status != FlagStatus.Off;

    /// <summary>Builds a state from raw values, e.g. when loading from a store.</summary>
    public static FlagState Create(
        bool boolean,
        IEnumerable<string>? actors = null,
        IEnumerable<string>? groups = null,
        Percentage percentageOfActors = default,
        Percentage percentageOfTime = default) => new()
        {
            Boolean = boolean,
            Actors = ImmutableSortedSet.CreateRange(RubyStringComparer.Instance, actors ?? []),
            Groups = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, groups ?? []),
            PercentageOfActors = percentageOfActors,
            PercentageOfTime = percentageOfTime,
        };

    /// <summary>The opt-out entry GitLab stores in the actors gate for an actor.</summary>
    public static string OptOutEntry(string actorId) => actorId + OptOutSuffix;

    /// <summary>The suffix that marks an opt-out entry.</summary>
    public const string OptOutSuffix = ":opt_out";

    /// <summary>True when <paramref name="actorId"/> has opted out of this flag.</summary>
    public bool HasOptedOut(string actorId) => Actors.Contains(OptOutEntry(actorId));

    /// <inheritdoc />
    public bool Equals(FlagState? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Boolean == other.Boolean
                && PercentageOfActors == other.PercentageOfActors
                && PercentageOfTime == other.PercentageOfTime
                && SameMembers(Actors, other.Actors)
                && SameMembers(Groups, other.Groups)));

    // SetEquals copies the other set into a new SortedSet on every call; comparing a whole snapshot's states (the SDK
    // does, to find what a new snapshot changed) made that thousands of allocations. Two sets sorted by the same
    // comparer hold the same members exactly when they list them in the same order.
    private static bool SameMembers(ImmutableSortedSet<string> left, ImmutableSortedSet<string> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        if (!ReferenceEquals(left.KeyComparer, right.KeyComparer))
        {
            return left.SetEquals(right);
        }

        using var leftMembers = left.GetEnumerator();
        using var rightMembers = right.GetEnumerator();
        while (leftMembers.MoveNext() && rightMembers.MoveNext())
        {
            if (!string.Equals(leftMembers.Current, rightMembers.Current, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Boolean, PercentageOfActors, PercentageOfTime, Actors.Count, Groups.Count);
}
