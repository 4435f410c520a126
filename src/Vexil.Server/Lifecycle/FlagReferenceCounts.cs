using System.Collections.Immutable;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// How many places in the repository's default branch still read each flag, from the last scan after a fetch of the
/// repository mirror. Held in memory: the next fetch after a restart scans again, and until then the counts are
/// unknown, which the clean-up treats as "not known" rather than "none".
/// </summary>
public sealed class FlagReferenceCounts
{
    private volatile Snapshot? current;

    /// <summary>True once a scan has been recorded.</summary>
    public bool IsKnown => current is not null;

    /// <summary>The revision the counts were taken at, or null before the first scan.</summary>
    public string? Revision => current?.Revision;

    /// <summary>When the counts were taken, or null before the first scan.</summary>
    public DateTimeOffset? ScannedAt => current?.ScannedAt;

    /// <summary>References to <paramref name="flag"/> in code (its definition file not counted), or null before the first scan.</summary>
    public int? Count(string flag) => current is { } known ? known.Counts.GetValueOrDefault(flag) : null;

    /// <summary>Replaces the counts with a new scan's.</summary>
    public void Record(string revision, DateTimeOffset scannedAt, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        current = new Snapshot(revision, scannedAt, counts.ToImmutableDictionary(StringComparer.Ordinal));
    }

    private sealed record Snapshot(string Revision, DateTimeOffset ScannedAt, ImmutableDictionary<string, int> Counts);
}
