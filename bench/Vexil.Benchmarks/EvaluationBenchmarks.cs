using BenchmarkDotNet.Attributes;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;

namespace Vexil.Benchmarks;

/// <summary>
/// The evaluation hot path: target at most 25 ns and 0 bytes per call. The "Large" variants evaluate in a snapshot of
/// 10,000 flags with 100,000 actor entries, which must be as fast as a small one.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class EvaluationBenchmarks
{
    private readonly string[] threeActors = ["User:140834", "Project:278964", "Group:9970"];
    private FlagSnapshot small = null!;
    private FlagSnapshot large = null!;

    [GlobalSetup]
    public void Setup()
    {
        var groups = new FeatureGroupRegistry([new ActorListFeatureGroup("gitlab_team_members", ["User:1", "User:2"])]);
        var states = new Dictionary<string, FlagState>
        {
            ["boolean_flag"] = FlagState.Empty with { Boolean = true },
            ["actor_flag"] = FlagState.Create(false, ["User:1", "User:42", "User:lulalala"]),
            ["duo_chat_multi_thread"] = FlagState.Empty with { PercentageOfActors = Percentage.Parse("50") },
        };
        small = FlagSnapshot.Build("bench", 1, states, new Dictionary<string, bool>(), groups);

        var big = new Dictionary<string, FlagState>(states);
        for (var i = 0; i < 10_000 - states.Count; i++)
        {
            big[$"generated_flag_{i}"] = FlagState.Create(false, Enumerable.Range(0, 10).Select(a => $"User:{(i * 10) + a}"), percentageOfActors: Percentage.Parse("25"));
        }

        large = FlagSnapshot.Build("bench", 1, big, new Dictionary<string, bool>(), groups);
    }

    [Benchmark]
    public bool Boolean() => small.IsEnabled("boolean_flag", "User:42");

    [Benchmark]
    public bool OneActor() => small.IsEnabled("actor_flag", "User:42");

    [Benchmark]
    public bool PercentageOfActors() => small.IsEnabled("duo_chat_multi_thread", "User:140834");

    [Benchmark]
    public bool ThreeActors() => small.IsEnabled("actor_flag", threeActors);

    [Benchmark]
    public bool ThreeActors_PercentageOfActors() => small.IsEnabled("duo_chat_multi_thread", threeActors);

    [Benchmark]
    public bool Large_OneActor() => large.IsEnabled("actor_flag", "User:42");

    [Benchmark]
    public bool Large_PercentageOfActors() => large.IsEnabled("duo_chat_multi_thread", "User:140834");
}
