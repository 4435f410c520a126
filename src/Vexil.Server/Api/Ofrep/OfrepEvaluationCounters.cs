using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Vexil.Server.Telemetry;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Counts OFREP evaluations per environment, flag and outcome without costing the evaluation anything but one
/// interlocked increment: each flag's counters are an array of <see cref="OfrepFragments.OutcomeCount"/> longs, handed
/// to its <see cref="OfrepFlagEntry"/> when the table is built, and read at scrape time through an observable counter
/// (<c>vexil.flag.evaluations</c>). A <c>Counter.Add</c> with tags on every evaluation would box and copy the tags; the
/// allocation-free hot path is worth more than the simplicity. The arrays outlive the tables, so the counts stay
/// monotonic across changes and definition reloads, as Prometheus expects of a counter.
/// </summary>
internal sealed class OfrepEvaluationCounters
{
    /// <summary>The instrument's name.</summary>
    public const string InstrumentName = "vexil.flag.evaluations";

    private readonly ConcurrentDictionary<(string Environment, string Flag), long[]> counts = new();

    /// <summary>Registers the observable counter on the server's meter.</summary>
    public OfrepEvaluationCounters(IMeterFactory meters)
    {
        VexilMeter.Create(meters).CreateObservableCounter(
            InstrumentName,
            Observe,
            unit: "{evaluation}",
            description: "Flag evaluations answered over OFREP, by flag, environment, value and reason.");
    }

    /// <summary>The counters of a flag in an environment; made on first use (table build), never on evaluation.</summary>
    public long[] For(string environment, string flag) =>
        counts.GetOrAdd((environment, flag), static _ => new long[OfrepFragments.OutcomeCount]);

    /// <summary>Every non-zero count, with its labels; runs at scrape time only.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        foreach (var ((environment, flag), outcomes) in counts)
        {
            for (var outcome = 0; outcome < outcomes.Length; outcome++)
            {
                var count = Volatile.Read(ref outcomes[outcome]);
                if (count > 0)
                {
                    yield return new Measurement<long>(
                        count,
                        new KeyValuePair<string, object?>("flag", flag),
                        new KeyValuePair<string, object?>("environment", environment),
                        new KeyValuePair<string, object?>("value", OfrepFragments.OutcomeValue((byte)outcome) ? "true" : "false"),
                        new KeyValuePair<string, object?>("reason", OfrepFragments.OutcomeReason((byte)outcome)));
                }
            }
        }
    }
}
