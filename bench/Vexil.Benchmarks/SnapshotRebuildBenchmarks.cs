using BenchmarkDotNet.Attributes;
using Vexil.Core.Evaluation;
using Vexil.Core.Groups;
using Vexil.Core.State;

namespace Vexil.Benchmarks;

/// <summary>
/// What a change costs the server's in-memory snapshot of an environment with 10,000 flags (issue 13's targets: one
/// flag's change at most 0.2 ms, a whole rebuild at most 5 ms). A change is applied incrementally
/// (<see cref="FlagSnapshot.WithFlag"/>: the name table copied with one entry set or removed); a definitions reload or
/// a gap rebuilds everything (<see cref="FlagSnapshot.Build"/>).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SnapshotRebuildBenchmarks
{
    private const int Flags = 10_000;

    private readonly FeatureGroupRegistry groups = new([new ActorListFeatureGroup("gitlab_team_members", ["User:1", "User:2"])]);
    private FlagSnapshot snapshot = null!;
    private List<KeyValuePair<string, FlagState>> states = null!;
    private Dictionary<string, bool> defaults = null!;
    private FlagState changed = null!;
    private long sequence;

    [GlobalSetup]
    public void Setup()
    {
        // Most flags persisted, a few defined only, states of the kinds rollouts leave behind.
        states = Enumerable.Range(0, Flags - 500)
            .Select(i => KeyValuePair.Create(
                $"generated_flag_{i}",
                (i % 4) switch
                {
                    0 => FlagState.Create(true),
                    1 => FlagState.Create(false, [$"User:{i}", "Project:gitlab-org/gitlab"]),
                    2 => FlagState.Create(false, groups: ["gitlab_team_members"]),
                    _ => FlagState.Create(false, percentageOfActors: Vexil.Core.Gates.Percentage.Parse("25")),
                }))
            .ToList();
        defaults = Enumerable.Range(Flags - 500, 500).ToDictionary(i => $"generated_flag_{i}", i => i % 2 == 0, StringComparer.Ordinal);
        snapshot = FlagSnapshot.Build("production", 1, states, defaults, groups);
        changed = FlagState.Create(false, ["User:42"]);
        sequence = 1;
    }

    /// <summary>One flag's change: an existing flag gets a new state.</summary>
    [Benchmark(Baseline = true)]
    public FlagSnapshot OneFlagChanged() => snapshot.WithFlag("generated_flag_4242", changed, ++sequence);

    /// <summary>A flag persisted for the first time (a new key in the table).</summary>
    [Benchmark]
    public FlagSnapshot OneFlagAdded() => snapshot.WithFlag("brand_new_flag", changed, ++sequence);

    /// <summary>A flag removed from the environment with no definition (a key leaves the table).</summary>
    [Benchmark]
    public FlagSnapshot OneFlagRemoved() => snapshot.WithFlag("generated_flag_4243", null, ++sequence);

    /// <summary>The whole environment rebuilt, as after a definitions reload.</summary>
    [Benchmark]
    public FlagSnapshot WholeSnapshotRebuilt() => FlagSnapshot.Build("production", 1, states, defaults, groups);
}
