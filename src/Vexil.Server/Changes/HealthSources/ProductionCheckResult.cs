namespace Vexil.Server.Changes.HealthSources;

/// <summary>The production check's answer: safe, or the problems found.</summary>
/// <param name="Problems">Why production must not change now; empty when safe.</param>
/// <param name="TimedOut">True when a source did not answer within <c>Vexil:ProductionCheck:Timeout</c>.</param>
public sealed record ProductionCheckResult(IReadOnlyList<string> Problems, bool TimedOut)
{
    /// <summary>True when nothing stands against the change. A timeout is not a pass: the check failed closed.</summary>
    public bool Safe => Problems.Count == 0 && !TimedOut;
}
