namespace Vexil.Server.Changes.GuardRails;

/// <summary>What the deployment check found: refusals by environment name, and notices of where it could not tell.</summary>
/// <param name="Refusals">The environments whose last deployment lacks the flag's merge commit; empty when the change may go on.</param>
/// <param name="Notices">Why the check was skipped where it was, for the answer.</param>
public sealed record DeploymentCheckResult(IReadOnlyDictionary<string, string> Refusals, IReadOnlyList<string> Notices)
{
    /// <summary>Nothing to check, or all checked and passed.</summary>
    public static DeploymentCheckResult Pass { get; } = new(new Dictionary<string, string>(), []);

    /// <summary>Skipped, for the reason given.</summary>
    public static DeploymentCheckResult Notice(string notice) => new(new Dictionary<string, string>(), [notice]);
}
