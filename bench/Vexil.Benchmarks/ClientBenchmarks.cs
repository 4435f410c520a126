using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Vexil.Client;
using Vexil.Client.Sync;

namespace Vexil.Benchmarks;

/// <summary>
/// The SDK's check (<see cref="VexilClient.IsEnabled(string, Actor)"/>: table lookup, engine, evaluation counter) for
/// the four cases, next to Microsoft.FeatureManagement 4.7.0's <c>IsEnabledAsync</c> with its targeting filter
/// at 50% in the same run. Target: at most 25 ns and 0 bytes for each Vexil case. Also: applying a 10,000-flag
/// snapshot (target at most 50 ms; evaluations never wait for it, they read the previous table until the swap).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ClientBenchmarks
{
    private readonly Actor oneActor = new("User:42");
    private readonly Actor percentageActor = new("User:140834");
    private readonly Actor[] threeActors = [new("User:140834"), new("Project:278964"), new("Group:9970")];
    private readonly TargetingContext targeting = new() { UserId = "User:140834" };
    private VexilClient client = null!;
    private IFeatureManager featureManager = null!;
    private ServiceProvider services = null!;
    private SnapshotDocument tenThousand = null!;
    private SnapshotDocument[] alternating = null!;
    private int applied;

    [GlobalSetup]
    public void Setup()
    {
        const string Snapshot = """
            {"environment":"bench","sequence":1,"flags":{
              "boolean_flag":{"boolean":true,"actors":[],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"},
              "actor_flag":{"boolean":false,"actors":["User:1","User:42","User:lulalala"],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"},
              "duo_chat_multi_thread":{"boolean":false,"actors":[],"groups":[],"percentage_of_actors":"50","percentage_of_time":"0"}},
             "defaults":{},"groups":{"gitlab_team_members":["User:1","User:2"]}}
            """;
        var options = new VexilClientOptions { ServerUrl = new Uri("http://127.0.0.1:1/"), Token = "bench", Environment = "bench", SendEvaluationCounts = false };
        client = VexilClient.FromDocument(options, SnapshotDocument.Parse(Encoding.UTF8.GetBytes(Snapshot), "\"1\""));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeatureManagement:duo_chat_multi_thread:EnabledFor:0:Name"] = "Microsoft.Targeting",
            ["FeatureManagement:duo_chat_multi_thread:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "50",
        }).Build();
        services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddFeatureManagement().Services.BuildServiceProvider();
        featureManager = services.GetRequiredService<IFeatureManager>();

        tenThousand = TenThousandFlags("25");
        alternating = [TenThousandFlags("30"), TenThousandFlags("35")];
    }

    private static SnapshotDocument TenThousandFlags(string percentage)
    {
        var flags = new StringBuilder("{\"environment\":\"bench\",\"sequence\":2,\"flags\":{");
        for (var i = 0; i < 10_000; i++)
        {
            flags.Append(i == 0 ? string.Empty : ",").Append($"\"generated_flag_{i}\":{{\"boolean\":false,\"actors\":[{string.Join(',', Enumerable.Range(0, 10).Select(a => $"\"User:{(i * 10) + a}\""))}],\"groups\":[],\"percentage_of_actors\":\"{percentage}\",\"percentage_of_time\":\"0\"}}");
        }

        return SnapshotDocument.Parse(Encoding.UTF8.GetBytes(flags.Append("},\"defaults\":{},\"groups\":{}}").ToString()), null);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await client.DisposeAsync();
        await services.DisposeAsync();
    }

    [Benchmark]
    public bool Vexil_Boolean() => client.IsEnabled("boolean_flag", oneActor);

    [Benchmark]
    public bool Vexil_OneActor() => client.IsEnabled("actor_flag", oneActor);

    [Benchmark]
    public bool Vexil_PercentageOfActors() => client.IsEnabled("duo_chat_multi_thread", percentageActor);

    [Benchmark]
    public bool Vexil_ThreeActors() => client.IsEnabled("actor_flag", threeActors);

    [Benchmark(Baseline = true)]
    public Task<bool> FeatureManagement_Targeting50() => featureManager.IsEnabledAsync("duo_chat_multi_thread", targeting);

    /// <summary>
    /// A separate measurement in the same class: applying 10,000 flags (parse excluded), ms not ns. The same snapshot
    /// again (a poll or a reset that finds nothing new): unchanged flags keep their compiled form.
    /// </summary>
    [Benchmark]
    public void Apply_10000_flag_snapshot() => client.Apply(tenThousand);

    /// <summary>Applying 10,000 flags that all changed since the last snapshot (every flag compiled), ms not ns.</summary>
    [Benchmark]
    public void Apply_10000_flag_snapshot_every_flag_changed() => client.Apply(alternating[applied++ & 1]);
}
