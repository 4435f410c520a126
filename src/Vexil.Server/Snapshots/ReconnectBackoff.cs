namespace Vexil.Server.Snapshots;

/// <summary>
/// The waits between attempts to reconnect: exponential from a first wait up to a cap, each drawn between half and
/// all of its step ("equal jitter"), so replicas that lost the database together spread their reconnects while every
/// wait stays at least half the nominal one. Written here rather than taken from Polly because the loop it serves runs
/// for the process's lifetime and resets after every success, which a resilience pipeline does not model.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan first, TimeSpan cap, Func<double>? random = null)
{
    private readonly Func<double> random = random ?? Random.Shared.NextDouble;
    private int failures;

    /// <summary>The wait before the next attempt, after one more failure.</summary>
    public TimeSpan Next()
    {
        // In seconds as a double, so that doubling a long first wait many times cannot overflow a TimeSpan.
        var nominal = Math.Min(first.TotalSeconds * Math.Pow(2, Math.Min(failures, 62)), cap.TotalSeconds);
        failures++;
        return TimeSpan.FromSeconds(nominal / 2 + nominal / 2 * random());
    }

    /// <summary>Back to the first wait, after a success.</summary>
    public void Reset() => failures = 0;
}
