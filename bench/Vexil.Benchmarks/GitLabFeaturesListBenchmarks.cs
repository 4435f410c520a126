using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Vexil.Server.Api.GitLab;
using Vexil.Definitions;
using Vexil.Server.Definitions;

namespace Vexil.Benchmarks;

/// <summary>
/// <c>GET /api/v4/features</c> for 10,000 persisted flags, each with a definition: select and sort the persisted flags
/// of a snapshot and write the whole JSON answer. Target: at most 100 ms.
/// </summary>
[MemoryDiagnoser]
public class GitLabFeaturesListBenchmarks
{
    private const int FlagCount = 10_000;

    private readonly MemoryStream buffer = new(8 * 1024 * 1024);
    private FlagSnapshot snapshot = null!;
    private DefinitionCatalog definitions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var groups = new FeatureGroupRegistry([new ActorListFeatureGroup("gitlab_team_members", ["User:1"])]);
        var states = new Dictionary<string, FlagState>();
        var defined = new List<FlagDefinition>();
        for (var i = 0; i < FlagCount; i++)
        {
            // A mix like a real instance's: mostly off or on, some actor lists, some percentage rollouts.
            var name = $"generated_flag_{i:D5}";
            states[name] = (i % 4) switch
            {
                0 => FlagState.Empty,
                1 => FlagState.Empty with { Boolean = true },
                2 => FlagState.Create(false, Enumerable.Range(0, 5).Select(a => $"User:{(i * 5) + a}"), ["gitlab_team_members"]),
                _ => FlagState.Create(false, percentageOfActors: Percentage.Parse("25"), percentageOfTime: Percentage.Parse("0.5")),
            };
            defined.Add(new FlagDefinition
            {
                Name = name,
                FeatureIssueUrl = $"https://gitlab.com/gitlab-org/gitlab/-/issues/{i}",
                IntroducedByUrl = $"https://gitlab.com/gitlab-org/gitlab/-/merge_requests/{i}",
                RolloutIssueUrl = $"https://gitlab.com/gitlab-org/gitlab/-/issues/{i + 1}",
                Milestone = "17.9",
                Type = DefinitionType.Beta,
                Group = "group::duo chat",
                DefaultEnabled = false,
                SourcePath = $"/config/feature_flags/beta/{name}.yml",
            });
        }

        definitions = new DefinitionCatalog(defined, []);
        snapshot = FlagSnapshot.Build("production", 1, states, definitions.DefaultsByName, groups);
    }

    // The code that ships: the streaming writer the answer cache renders a snapshot with on first use.
    [Benchmark]
    public async Task<long> List10000()
    {
        buffer.SetLength(0);
        var writer = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        await GitLabFeatureJson.WriteFeatureListAsync(writer, snapshot, definitions, CancellationToken.None);
        await writer.CompleteAsync();
        return buffer.Length;
    }
}
