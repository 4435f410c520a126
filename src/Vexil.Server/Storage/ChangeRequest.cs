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

    /// <summary>The audit action: <c>delete</c>, the single operation's action, or <c>set</c> for several.</summary>
    public string Action => Delete ? "delete" : Operations.Count == 1 ? Operations[0].Action : "set";
}
