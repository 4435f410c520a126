using BenchmarkDotNet.Attributes;
using Vexil.Core.Evaluation;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Storage.Sqlite;
using Vexil.Testing;

namespace Vexil.Benchmarks;

/// <summary>
/// The durable store: one change with its audit event (SQLite target: median &lt;= 2 ms; PostgreSQL over loopback:
/// &lt;= 3 ms), and loading an environment of 10,000 flags holding 100,000 actor entries into a
/// <see cref="FlagSnapshot"/> (target &lt;= 1 s). Both engines keep their durable settings: SQLite WAL with
/// <c>synchronous = FULL</c>, PostgreSQL with fsync and synchronous commit on.
/// Run: <c>dotnet run -c Release --project bench/Vexil.Benchmarks -- --filter '*Store*'</c>.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const string ChangeEnvironment = "bench";
    private const string LoadEnvironment = "production";
    private const int FlagCount = 10_000;
    private const int ActorsPerFlag = 10;

    private static readonly ChangeOrigin Origin = new("benchmark", ChangeChannels.Cli, From: "#bench", Reason: "measure");

    private IFlagStore store = null!;
    private IAsyncDisposable? database;
    private ThrowawayPostgresCluster? cluster;
    private string? sqliteFolder;
    private int counter;

    /// <summary>The engine under measure.</summary>
    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Opens an empty store of the chosen engine.</summary>
    [GlobalSetup(Target = nameof(ApplyOneChange))]
    public async Task SetUpChangeAsync()
    {
        await OpenStoreAsync();

        // The flag exists before measuring, as in a real rollout; each change then adds one of 100 actors.
        await store.ApplyAsync(ChangeRequest.Update(ChangeEnvironment, "bench_flag", Origin, GateOperation.EnableActor("User:0")));
    }

    /// <summary>Opens a store and fills one environment with 10,000 flags of 10 actors each.</summary>
    [GlobalSetup(Target = nameof(LoadEnvironmentIntoSnapshot))]
    public async Task SetUpLoadAsync()
    {
        await OpenStoreAsync();
        for (var flag = 0; flag < FlagCount; flag++)
        {
            var operations = Enumerable.Range(0, ActorsPerFlag)
                .Select(actor => GateOperation.EnableActor($"User:{(flag * ActorsPerFlag) + actor}"))
                .ToArray();
            await store.ApplyAsync(ChangeRequest.Update(LoadEnvironment, $"flag_{flag:00000}", Origin, operations));
        }

        var loaded = await store.LoadEnvironmentAsync(LoadEnvironment);
        var actors = loaded.Flags.Values.Sum(state => state.Actors.Count);
        if (loaded.Flags.Count != FlagCount || actors != FlagCount * ActorsPerFlag)
        {
            throw new InvalidOperationException($"Seeding produced {loaded.Flags.Count} flags and {actors} actors.");
        }
    }

    /// <summary>One accepted change: read under lock, apply, write state, sequence and audit event, commit.</summary>
    [Benchmark]
    public Task<ChangeResult> ApplyOneChange()
    {
        var actor = $"User:{counter++ % 100}";
        return store.ApplyAsync(ChangeRequest.Update(ChangeEnvironment, "bench_flag", Origin, GateOperation.EnableActor(actor)));
    }

    /// <summary>Reads every flag of the environment and compiles the snapshot evaluation runs on.</summary>
    [Benchmark]
    public async Task<FlagSnapshot> LoadEnvironmentIntoSnapshot()
    {
        var state = await store.LoadEnvironmentAsync(LoadEnvironment);
        return FlagSnapshot.Build(state.Environment, state.Sequence, state.Flags, new Dictionary<string, bool>(), FeatureGroupRegistry.Empty);
    }

    /// <summary>Closes the store and removes its database.</summary>
    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        if (sqliteFolder is not null)
        {
            Directory.Delete(sqliteFolder, recursive: true);
        }
    }

    private async Task OpenStoreAsync()
    {
        if (Provider == "postgres")
        {
            var bin = ThrowawayPostgresCluster.FindBinDirectory()
                ?? throw new InvalidOperationException("PostgreSQL's server tools were not found; install Debian's postgresql package.");
            cluster = await ThrowawayPostgresCluster.StartAsync(bin, durable: true);
            var postgres = new PostgresDatabase(await cluster.CreateDatabaseAsync("vexil_bench"));
            database = postgres;
            store = new PostgresFlagStore(postgres);
        }
        else
        {
            sqliteFolder = Directory.CreateTempSubdirectory("vexil-bench-").FullName;
            var sqlite = new SqliteDatabase($"Data Source={Path.Combine(sqliteFolder, "vexil.db")}");
            database = sqlite;
            store = new SqliteFlagStore(sqlite);
        }

        await store.InitializeAsync();
    }
}
