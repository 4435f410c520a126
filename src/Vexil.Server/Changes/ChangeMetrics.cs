using System.Diagnostics.Metrics;
using Vexil.Server.Telemetry;

namespace Vexil.Server.Changes;

/// <summary>
/// Counts what <see cref="FlagChangeService"/> decides, per environment: committed changes (<c>vexil.flag.changes</c>)
/// and changes a guard rail or a gate rule refused (<c>vexil.flag.change_refusals</c>, with the refusing guard). Changes
/// are rare next to evaluations, so tagged counters are fine here.
/// </summary>
public sealed class ChangeMetrics
{
    private readonly Counter<long> changes;
    private readonly Counter<long> refusals;

    /// <summary>Registers the counters on the server's meter.</summary>
    public ChangeMetrics(IMeterFactory meters)
    {
        var meter = VexilMeter.Create(meters);
        changes = meter.CreateCounter<long>("vexil.flag.changes", unit: "{change}", description: "Flag changes committed, by environment.");
        refusals = meter.CreateCounter<long>("vexil.flag.change_refusals", unit: "{change}", description: "Flag changes refused, by environment and refusing guard.");
    }

    /// <summary>A change was committed in <paramref name="environment"/>.</summary>
    public void Committed(string environment) =>
        changes.Add(1, new KeyValuePair<string, object?>("environment", environment));

    /// <summary><paramref name="guard"/> refused a change in each of <paramref name="environments"/>.</summary>
    public void Refused(string guard, IEnumerable<string> environments)
    {
        ArgumentNullException.ThrowIfNull(environments);
        foreach (var environment in environments)
        {
            refusals.Add(1, new KeyValuePair<string, object?>("environment", environment), new KeyValuePair<string, object?>("guard", guard));
        }
    }
}
