namespace Vexil.Server.Storage.Outages;

/// <summary>
/// How far a <see cref="StoreCallKind.TrackedWrite"/> got, told by the store to <see cref="StoreCall"/> without a
/// parameter on <see cref="IFlagStore"/>: the call runs with its own instance in <see cref="Current"/>, and the store
/// calls <see cref="MarkCommitSent"/> just before its commit goes out. When the caller has to stop waiting (the provider
/// ignored the deadline), this is what decides between "the change was not made" and "it may or may not have been".
/// </summary>
public sealed class StoreWriteProgress
{
    private static readonly AsyncLocal<StoreWriteProgress?> Ambient = new();

    private volatile bool commitSent;

    /// <summary>The progress of the tracked write running on this flow; null outside one.</summary>
    public static StoreWriteProgress? Current => Ambient.Value;

    /// <summary>True once the store sent its commit.</summary>
    public bool CommitSent => commitSent;

    /// <summary>Records that the commit is about to be sent: from here on a failure leaves the outcome unknown.</summary>
    public void MarkCommitSent() => commitSent = true;

    /// <summary>Makes <paramref name="progress"/> <see cref="Current"/> for the rest of this flow (the store call's own task).</summary>
    internal static void Enter(StoreWriteProgress progress) => Ambient.Value = progress;
}
