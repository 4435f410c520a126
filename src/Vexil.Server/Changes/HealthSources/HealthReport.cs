namespace Vexil.Server.Changes.HealthSources;

/// <summary>What one health source says about changing production now.</summary>
/// <param name="Problems">Why not, one sentence each; empty when healthy.</param>
/// <param name="TimedOut">True when the source did not answer in time (which is never a pass).</param>
public sealed record HealthReport(IReadOnlyList<string> Problems, bool TimedOut = false)
{
    /// <summary>Nothing against the change.</summary>
    public static readonly HealthReport Healthy = new([]);

    /// <summary>One problem.</summary>
    public static HealthReport Problem(string problem) => new([problem]);
}
