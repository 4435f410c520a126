using Vexil.Core.State;

namespace Vexil.Server.Storage;

/// <summary>
/// One write to one flag in one environment. The operations are applied to the state the store reads inside its
/// transaction, never to a state the caller read earlier, so concurrent writers cannot lose each other's changes.
/// </summary>
/// <param name="Environment">The environment's canonical name (aliases are resolved before the store).</param>
/// <param name="Flag">The flag's name, already validated.</param>
/// <param name="Operations">Gate operations in order; empty with <paramref name="Delete"/>.</param>
/// <param name="Delete">True to remove the flag's stored state (Flipper's <c>remove</c>).</param>
/// <param name="Origin">Who asked, through what, from where and why.</param>
public sealed record ChangeRequest(string Environment, string Flag, IReadOnlyList<GateOperation> Operations, bool Delete, ChangeOrigin Origin)
{
    /// <summary>A change that applies gate operations.</summary>
    public static ChangeRequest Update(string environment, string flag, ChangeOrigin origin, params GateOperation[] operations) =>
        new(environment, flag, operations, false, origin);

    /// <summary>A change that deletes the flag's stored state.</summary>
    public static ChangeRequest Remove(string environment, string flag, ChangeOrigin origin) =>
        new(environment, flag, [], true, origin);

    /// <summary>
    /// True when the request is a delete of a flag that is not stored: nothing to write, no audit event, no sequence
    /// number (deletes are idempotent).
    /// </summary>
    public bool ChangesNothing(FlagState? before) => Delete && before is null;

    /// <summary>
    /// Applies the request to <paramref name="before"/>, the state a store read inside its transaction. Returns null
    /// and the state to write (null for a delete), or the first operation's refusal, in which case nothing may be
    /// written. Every store calls this, so the rules live in one place.
    /// </summary>
    public string? ApplyTo(FlagState? before, out FlagState? after)
    {
        after = null;
        if (Delete)
        {
            return null;
        }

        var state = before ?? FlagState.Empty;
        foreach (var operation in Operations)
        {
            if (operation.ApplyTo(state, out state) is { } refusal)
            {
                return refusal;
            }
        }

        after = state;
        return null;
    }

    /// <summary>The audit action: <c>delete</c>, the single operation's action, or <c>set</c> for several.</summary>
    public string Action => Delete ? "delete" : Operations.Count == 1 ? Operations[0].Action : "set";
}
