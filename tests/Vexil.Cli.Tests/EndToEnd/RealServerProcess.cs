using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vexil.Cli.Tests.Infrastructure;

namespace Vexil.Cli.Tests.EndToEnd;

/// <summary>
/// Runs the built Vexil server as a real process on a free loopback port with its own SQLite database, so the CLI's
/// end-to-end tests talk to the real thing. (Same pattern as the server tests' fixture; the CLI test project builds the
/// server but does not reference it.)
/// </summary>
public sealed class RealServerProcess : IAsyncDisposable
{
    /// <summary>The bootstrap admin token the server accepts.</summary>
    public const string AdminToken = "vxl_cli_e2e_admin_token";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string folder;

    private RealServerProcess(Process process, string folder, Uri baseAddress)
    {
        this.process = process;
        this.folder = folder;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a server with the example definitions, the default environments, the admin token
    /// <see cref="AdminToken"/> and the <c>gitlab_team_members</c> feature group of the seed issues.
    /// </summary>
    public static async Task<RealServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var folder = TestPaths.NewTempFolder("vexil-cli-e2e");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [TestPaths.ServerAssembly, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["ConnectionStrings__Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}";
        start.Environment["Vexil__Definitions__Paths__0"] = TestPaths.ExampleDefinitions;
        start.Environment["Vexil__Definitions__Watch"] = "false";
        start.Environment["Vexil__Auth__BootstrapAdminToken"] = AdminToken;
        start.Environment["Vexil__FeatureGroups__gitlab_team_members__Actors__0"] = "User:lulalala";
        start.Environment["Vexil__FeatureGroups__gitlab_team_members__Actors__1"] = "User:ck3g";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        var server = new RealServerProcess(process, folder, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };

        // A generous bound on start-up, not a performance threshold: the machine is shared and may be slow.
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
