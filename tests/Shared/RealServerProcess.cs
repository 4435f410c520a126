using System.Diagnostics;

namespace Vexil.Testing;

/// <summary>
/// Runs the built server as a real process on a free loopback port, for tests whose client is another program
/// (python-gitlab, the OpenFeature JavaScript SDK, the <c>vexil</c> CLI). Each instance has its own SQLite database,
/// the example definitions, the default environments and the seed issues' <c>gitlab_team_members</c> feature group.
/// One source file, compiled into each test project that needs it (like <c>ThrowawayPostgresCluster</c>).
/// </summary>
public sealed class RealServerProcess : IAsyncDisposable
{
    /// <summary>The bootstrap admin token the server accepts.</summary>
    public const string AdminToken = "vxl_test_admin_token";

    private static readonly string RepositoryRoot = FindRoot();

    private readonly ChildProcess process;

    private RealServerProcess(ChildProcess process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Output => process.Output;

    /// <summary>Starts a server with the admin token <see cref="AdminToken"/> and extra settings.</summary>
    public static async Task<RealServerProcess> StartAsync(IDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var folder = ChildProcess.NewFolder("vexil-process");
        var baseAddress = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/");
        var server = new RealServerProcess(ChildProcess.Start(StartInfo(folder, baseAddress, settings), folder), baseAddress);
        try
        {
            await server.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Runs a server that is expected to refuse to start, and returns its exit code and what it wrote to stderr and
    /// stdout; kills it (and fails) if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string StandardError, string StandardOutput)> RunUntilExitAsync(
        IDictionary<string, string> settings,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var folder = ChildProcess.NewFolder("vexil-process");
        try
        {
            var start = StartInfo(folder, new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/"), settings);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.WorkingDirectory = folder;
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException("Could not start the server process.");
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The server was still running after {timeout.TotalSeconds} s:\n{await output}{await error}");
            }

            return (process.ExitCode, await error, await output);
        }
        finally
        {
            ChildProcess.DeleteFolder(folder);
        }
    }

    private static ProcessStartInfo StartInfo(string folder, Uri baseAddress, IDictionary<string, string>? settings)
    {
        var start = new ProcessStartInfo("dotnet", [ServerAssembly(), "--urls", baseAddress.ToString().TrimEnd('/')]);
        start.Environment["ConnectionStrings__Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}";
        start.Environment["Vexil__Definitions__Paths__0"] = Path.Combine(RepositoryRoot, "examples", "feature_flags");
        start.Environment["Vexil__Definitions__Watch"] = "false";
        start.Environment["Vexil__Auth__BootstrapAdminToken"] = AdminToken;
        start.Environment["Vexil__FeatureGroups__gitlab_team_members__Actors__0"] = "User:lulalala";
        start.Environment["Vexil__FeatureGroups__gitlab_team_members__Actors__1"] = "User:ck3g";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static string ServerAssembly()
    {
        // The test project references the server, so MSBuild has built it with the same configuration.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot, "src", "Vexil.Server", "bin", configuration, "net10.0", "Vexil.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the server first; {path} is missing.");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vexil.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Could not find Vexil.sln above the test binaries.");
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await client.GetAsync("health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer while the machine is busy.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The server did not become healthy within 60 s:\n{Output}");
    }
}
