using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Vexil.Server.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Telemetry;

/// <summary>Evaluation counting: exact per outcome, kept across table rebuilds, and free of allocations.</summary>
public sealed class OfrepEvaluationCountersTests : IDisposable
{
    private static readonly FeatureGroupRegistry Groups = new([new ActorListFeatureGroup("gitlab_team_members", ["User:lulalala"])]);

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void Each_outcome_is_counted_under_its_flag_environment_value_and_reason()
    {
        var counters = new OfrepEvaluationCounters(services.GetRequiredService<IMeterFactory>());
        var table = Table(counters, 1);
        Assert.True(table.TryGet("actor_flag", out var entry));

        entry.Evaluate(["User:42"]);
        entry.Evaluate(["User:42"]);
        entry.Evaluate(["User:1"]);

        var measured = counters.Observe().ToDictionary(
            m => string.Join(",", m.Tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")),
            m => m.Value);
        Assert.Equal(2, measured["flag=actor_flag,environment=staging,value=true,reason=TARGETING_MATCH"]);
        Assert.Equal(1, measured["flag=actor_flag,environment=staging,value=false,reason=TARGETING_MATCH"]);
        Assert.Equal(2, measured.Count);
    }

    [Fact]
    public void Counts_survive_a_rebuilt_table_so_the_counter_never_goes_back()
    {
        var counters = new OfrepEvaluationCounters(services.GetRequiredService<IMeterFactory>());
        Assert.True(Table(counters, 1).TryGet("boolean_flag", out var before));
        before.Evaluate([]);

        Assert.True(Table(counters, 2).TryGet("boolean_flag", out var after));
        after.Evaluate([]);

        Assert.Equal(2, Assert.Single(counters.Observe()).Value);
    }

    [Fact]
    public void Evaluating_and_counting_allocates_nothing()
    {
        var counters = new OfrepEvaluationCounters(services.GetRequiredService<IMeterFactory>());
        var table = Table(counters, 1);
        string[] actors = ["User:140834", "Project:278964"];
        var sum = 0;

        void EvaluateEverything()
        {
            foreach (var entry in table.Entries)
            {
                sum += entry.Evaluate(actors);
                sum += entry.Evaluate([]);
            }
        }

        // Warm up past tiered compilation, whose one-off work can show up as allocations on this thread; sleep, not
        // await, so the count stays on this thread (see FlagSnapshotTests in Vexil.Core.Tests).
        for (var i = 0; i < 3_000; i++)
        {
            EvaluateEverything();
        }

        Thread.Sleep(200);
        EvaluateEverything();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            EvaluateEverything();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    /// <inheritdoc />
    public void Dispose() => services.Dispose();

    private static OfrepFlagTable Table(OfrepEvaluationCounters counters, long sequence)
    {
        var flags = new Dictionary<string, FlagState>
        {
            ["boolean_flag"] = FlagState.Empty with { Boolean = true },
            ["actor_flag"] = FlagState.Create(false, ["User:42"]),
            ["split_flag"] = FlagState.Empty with { PercentageOfActors = Percentage.Parse("50") },
            ["group_flag"] = FlagState.Empty with { Groups = ["gitlab_team_members"] },
            ["time_flag"] = FlagState.Empty with { PercentageOfTime = Percentage.Parse("50") },
        };
        var snapshot = FlagSnapshot.Build("staging", sequence, flags, new Dictionary<string, bool>(), Groups);
        return OfrepFlagTable.Build(snapshot, DefinitionCatalog.Empty, [], counters);
    }
}
