using System.Diagnostics;
using Xunit;

namespace Vexil.Cli.Tests.Infrastructure;

/// <summary>
/// A private home for runs of <c>vexil</c>: its own HOME and XDG_CONFIG_HOME in a temporary folder and its own
/// environment variables, so tests running side by side never see each other's login or the machine's. Runs either
/// in this process (fast, most tests) or as the real <c>dotnet vexil.dll</c> process.
/// </summary>
public sealed class CliSandbox : IDisposable
{
    /// <summary>The token tests send unless they say otherwise.</summary>
    public const string Token = "vxl_test_token";

    private static readonly string[] ProcessVariablesToClear = ["VEXIL_URL", "VEXIL_TOKEN", "XDG_CONFIG_HOME", "HOME", "NO_COLOR"];

    /// <summary>Creates a sandbox with an empty home.</summary>
    public CliSandbox()
    {
        Folder = TestPaths.NewTempFolder("vexil-cli");
        Home = Path.Combine(Folder, "home");
        Directory.CreateDirectory(Home);
        Variables["HOME"] = Home;
        Variables["XDG_CONFIG_HOME"] = Path.Combine(Folder, "config");
    }

    /// <summary>The sandbox's temporary folder.</summary>
    public string Folder { get; }

    /// <summary>The HOME the CLI sees.</summary>
    public string Home { get; }

    /// <summary>The environment variables the CLI sees (in-process runs see only these).</summary>
    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Where <c>vexil login</c> writes, given XDG_CONFIG_HOME.</summary>
    public string ConfigPath => Path.Combine(Variables["XDG_CONFIG_HOME"]!, "vexil", "config.json");

    /// <summary>Points VEXIL_URL at <paramref name="server"/> and sets VEXIL_TOKEN.</summary>
    public CliSandbox UseServer(Uri server, string token = Token)
    {
        Variables["VEXIL_URL"] = server.ToString();
        Variables["VEXIL_TOKEN"] = token;
        return this;
    }

    /// <summary>Runs <c>vexil</c> in this process with the sandbox's environment and returns what it did.</summary>
    public async Task<CliRun> RunAsync(string[] args, string? input = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost
        {
            GetEnvironmentVariable = name => Variables.GetValueOrDefault(name),
            Out = output,
            Error = error,
            In = new StringReader(input ?? ""),
        };
        var exitCode = await CliApplication.RunAsync(args, host, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built <c>vexil</c> as a real process (<c>dotnet vexil.dll</c>) with the sandbox's environment.</summary>
    public async Task<CliRun> RunProcessAsync(string[] args, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(TestPaths.CliAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in ProcessVariablesToClear)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in Variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var cancellationToken = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync((input ?? "").AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
