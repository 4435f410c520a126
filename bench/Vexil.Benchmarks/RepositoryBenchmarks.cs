using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Deployments;
using Vexil.Server.Repository;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Benchmarks;

/// <summary>
/// <c>auto_deploy status</c> and <c>release check</c> through the command executor, on a repository of 100,000
/// commits (every tenth a GitLab merge commit), 1,000 release tags, 100 stable branches and 100 auto-deploy branches,
/// built with <c>git fast-import</c> in the set-up, fetched into the mirror, with a deployment recorded for every
/// environment. Target: each answers within 200 ms.
/// </summary>
[MemoryDiagnoser]
public class RepositoryBenchmarks
{
    private const int Commits = 100_000;

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"vexil-bench-git-{Guid.NewGuid():N}");
    private ServiceProvider services = null!;
    private FeatureCommandExecutor executor = null!;
    private string oldMergeRequestUrl = "";
    private string newMergeRequestUrl = "";
    private string oldCommit = "";

    [GlobalSetup]
    public void Setup()
    {
        var source = Path.Combine(folder, "source.git");
        Directory.CreateDirectory(source);
        Git(source, "init", "--quiet", "--bare");
        FastImport(source);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}",
            ["Vexil:Database:Provider"] = "sqlite",
            ["Vexil:Definitions:Watch"] = "false",
            ["Vexil:Repository:Url"] = source,
            ["Vexil:Repository:Path"] = Path.Combine(folder, "mirror.git"),
            ["Vexil:Repository:Name"] = "gitlab-org/gitlab",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddVexilServer(configuration);
        services = collection.BuildServiceProvider();
        services.GetRequiredService<IFlagStore>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        services.GetRequiredService<SnapshotCache>().LoadAllAsync(CancellationToken.None).GetAwaiter().GetResult();
        var mirror = services.GetRequiredService<RepositoryMirror>();
        var fetched = mirror.FetchAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// Mirror: {fetched.Commits} commits, {fetched.Tags} tags, {fetched.Branches} branches, {fetched.MergeRequests} merge requests, fetched in {fetched.Elapsed.TotalSeconds:0.0} s");

        // Every environment runs the newest commit, so auto_deploy status walks the most descendants.
        var tip = mirror.Graph.Branches["master"];
        var store = services.GetRequiredService<IDeploymentStore>();
        foreach (var environment in services.GetRequiredService<Vexil.Server.Environments.EnvironmentCatalog>().All)
        {
            store.RecordAsync(new Deployment(0, environment.Name, tip, "master", DeploymentStatus.Success, DateTimeOffset.UtcNow, null, "bench"), CancellationToken.None).GetAwaiter().GetResult();
        }

        executor = services.GetRequiredService<FeatureCommandExecutor>();
        oldMergeRequestUrl = "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/10";
        newMergeRequestUrl = $"https://gitlab.com/gitlab-org/gitlab/-/merge_requests/{(Commits / 10) - 1}";
        oldCommit = mirror.Graph.MergeCommitOf("gitlab-org/gitlab", 10)!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>An old commit: every environment's deployment contains it, so the walk covers almost the whole history.</summary>
    [Benchmark]
    public Task<string> AutoDeployStatusOldCommit() => RunAsync($"auto_deploy status {oldCommit[..10]}");

    /// <summary>An old merge request, released in the first tag: all 1,000 tags are looked at.</summary>
    [Benchmark]
    public Task<string> ReleaseCheckOldMergeRequest() => RunAsync($"release check {oldMergeRequestUrl} 10.1");

    /// <summary>A recent merge request in no tag and no stable branch: production's deployment decides.</summary>
    [Benchmark]
    public Task<string> ReleaseCheckNewMergeRequest() => RunAsync($"release check {newMergeRequestUrl} 99.1");

    private async Task<string> RunAsync(string text)
    {
        var result = await executor.ExecuteAsync(new CommandRequest(text, ChangeChannels.Api) { UserName = "bench" });
        return result.Ok ? result.ToPlainText() : throw new InvalidOperationException(result.ToPlainText());
    }

    // master: 100,000 commits; every tenth merges a side commit with GitLab's message "See merge request
    // gitlab-org/gitlab!N". A tag v{major}.{minor}.{patch}-ee every 100 commits from the first (1,000 tags; the last 99
    // commits are in none), a stable branch at every .0 patch (100) and an auto-deploy branch every 1,000 commits (100).
    private static void FastImport(string repository)
    {
        var start = new ProcessStartInfo("git", ["fast-import", "--quiet"])
        {
            WorkingDirectory = repository,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        using (var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false), 1 << 20))
        {
            input.NewLine = "\n";
            var mark = 0;
            var previous = 0;
            var mergeRequest = 0;
            const long Epoch = 1_700_000_000;
            for (var i = 0; i < Commits; i++)
            {
                if (i % 10 == 9)
                {
                    var side = ++mark;
                    WriteCommit(input, "refs/heads/side", side, Epoch + i, "Feature work", previous, 0, $"f{i % 50}.txt");
                    mergeRequest++;
                    WriteCommit(
                        input,
                        "refs/heads/master",
                        ++mark,
                        Epoch + i,
                        $"Merge branch 'feature-{mergeRequest}' into 'master'\n\nFeature {mergeRequest}\n\nSee merge request gitlab-org/gitlab!{mergeRequest}",
                        previous,
                        side,
                        null);
                }
                else
                {
                    WriteCommit(input, "refs/heads/master", ++mark, Epoch + i, $"Commit {i}", previous, 0, $"g{i % 50}.txt");
                }

                previous = mark;
                if (i % 100 == 0)
                {
                    var k = i / 100;
                    int major = 10 + (k / 100), minor = (k / 10) % 10, patch = k % 10;
                    input.WriteLine($"reset refs/tags/v{major}.{minor}.{patch}-ee\nfrom :{mark}\n");
                    if (patch == 0)
                    {
                        input.WriteLine($"reset refs/heads/{major}-{minor}-stable-ee\nfrom :{mark}\n");
                    }
                }

                if (i % 1000 == 999)
                {
                    input.WriteLine($"reset refs/heads/{10 + (i / 10000)}-{(i / 1000) % 10}-auto-deploy-{i:D10}\nfrom :{mark}\n");
                }
            }
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git fast-import failed with exit code {process.ExitCode}.");
        }
    }

    private static void WriteCommit(StreamWriter input, string branch, int mark, long time, string message, int parent, int merge, string? file)
    {
        var bytes = Encoding.UTF8.GetByteCount(message);
        input.Write($"commit {branch}\nmark :{mark}\ncommitter Bench <bench@vexil.example> {time} +0000\ndata {bytes}\n{message}\n");
        if (parent > 0)
        {
            input.Write($"from :{parent}\n");
        }

        if (merge > 0)
        {
            input.Write($"merge :{merge}\n");
        }

        if (file is not null)
        {
            input.Write($"M 644 inline {file}\ndata {mark.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}\n{mark}\n");
        }
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = directory, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.WaitForExit();
    }
}
