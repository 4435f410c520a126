using BenchmarkDotNet.Attributes;
using Vexil.Server.Deployments;
using Vexil.Server.Deployments.Postgres;
using Vexil.Server.Deployments.Sqlite;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Storage.Sqlite;
using Vexil.Testing;

namespace Vexil.Benchmarks;

/// <summary>
/// Recording one deployment (<c>POST /api/v1/deployments</c>' store write; target: at most 5 ms) on each engine with
/// its durable settings, into a table that already holds 10,000 deployments, as after months of CI.
/// Run: <c>dotnet run -c Release --project bench/Vexil.Benchmarks -- --filter '*Deployment*'</c>.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class DeploymentBenchmarks
{
    private const int Existing = 10_000;
    private static readonly string[] Environments = ["staging-canary", "staging", "production-canary", "production"];

    private IDeploymentStore store = null!;
    private IAsyncDisposable? database;
    private ThrowawayPostgresCluster? cluster;
    private string? sqliteFolder;
    private int counter;

    /// <summary>The engine under measure.</summary>
    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Opens a migrated store of the chosen engine and fills it with earlier deployments.</summary>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        if (Provider == "postgres")
        {
            var bin = ThrowawayPostgresCluster.FindBinDirectory()
                ?? throw new InvalidOperationException("PostgreSQL's server tools were not found; install Debian's postgresql package.");
            cluster = await ThrowawayPostgresCluster.StartAsync(bin, durable: true);
            var postgres = new PostgresDatabase(await cluster.CreateDatabaseAsync("vexil_bench"));
            database = postgres;
            await new PostgresFlagStore(postgres).InitializeAsync();
            store = new PostgresDeploymentStore(postgres);
        }
        else
        {
            sqliteFolder = Directory.CreateTempSubdirectory("vexil-bench-").FullName;
            var sqlite = new SqliteDatabase($"Data Source={Path.Combine(sqliteFolder, "vexil.db")}");
            database = sqlite;
            await new SqliteFlagStore(sqlite).InitializeAsync();
            store = new SqliteDeploymentStore(sqlite);
        }

        for (var i = 0; i < Existing; i++)
        {
            await RecordOneDeployment();
        }
    }

    /// <summary>One deployment reported by CI: validate, insert, read back the stored row.</summary>
    [Benchmark]
    public Task<Deployment> RecordOneDeployment()
    {
        var n = counter++;
        return store.RecordAsync(new Deployment(
            0,
            Environments[n % Environments.Length],
            n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture),
            "17-9-auto-deploy-2026120410",
            DeploymentStatus.Success,
            DateTimeOffset.UtcNow,
            "https://gitlab.example.com/group/app/-/jobs/1",
            "ci-deployer"));
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
}
