using System.Diagnostics;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>
/// Runs the OpenFeature JavaScript check in <c>js/</c>: finds node and npm, installs the pinned packages into the test
/// output folder (never into the source tree), and runs the script. Without node or npm the test is skipped, unless
/// <c>VEXIL_REQUIRE_NODE=1</c>, as in CI, where it fails instead.
/// </summary>
public static class NodeTooling
{
    /// <summary>The environment variable that turns a skip into a failure.</summary>
    public const string RequireVariable = "VEXIL_REQUIRE_NODE";

    private static readonly string[] ScriptFiles = ["package.json", "package-lock.json", "evaluate.mjs"];

    /// <summary>The folder the script runs in, with its node_modules.</summary>
    public static string WorkFolder { get; } = Path.Combine(AppContext.BaseDirectory, "ofrep-js");

    private static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips (or fails, when required) unless node and npm run; then installs the packages if needed.</summary>
    public static async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var tool in (string[])["node", "npm"])
        {
            var found = await TryRunAsync(tool, ["--version"], Path.GetTempPath(), null, cancellationToken);
            if (found is not { ExitCode: 0 })
            {
                Unavailable($"'{tool}' is not installed or does not run");
            }
        }

        var source = Path.Combine(TestPaths.RepositoryRoot, "tests", "Vexil.Server.Tests", "Api", "Ofrep", "js");
        Directory.CreateDirectory(WorkFolder);
        foreach (var file in ScriptFiles)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(WorkFolder, file), overwrite: true);
        }

        // Reinstall only when the lock file changed since the last install into this folder.
        var stamp = Path.Combine(WorkFolder, "node_modules", ".vexil-installed-lock.json");
        var lockText = await File.ReadAllTextAsync(Path.Combine(WorkFolder, "package-lock.json"), cancellationToken);
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, cancellationToken) == lockText)
        {
            return;
        }

        var install = await TryRunAsync("npm", ["ci", "--no-audit", "--no-fund"], WorkFolder, null, cancellationToken);
        if (install is not { ExitCode: 0 })
        {
            Unavailable($"'npm ci' failed in {WorkFolder}:\n{install?.Output}");
        }

        await File.WriteAllTextAsync(stamp, lockText, cancellationToken);
    }

    /// <summary>Runs <c>node evaluate.mjs</c> with the given environment and returns its standard output.</summary>
    public static async Task<string> RunScriptAsync(IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync("node", ["evaluate.mjs"], WorkFolder, environment, cancellationToken)
            ?? throw new InvalidOperationException("node could not be started.");
        Assert.True(result.ExitCode == 0, $"node evaluate.mjs exited with {result.ExitCode}:\n{result.Output}");
        return result.StandardOutput;
    }

    private static void Unavailable(string why)
    {
        if (Required)
        {
            Assert.Fail($"{why}; {RequireVariable}=1 requires the OpenFeature JavaScript check to run.");
        }

        Assert.Skip($"{why}; set {RequireVariable}=1 to make this a failure.");
    }

    private static async Task<ProcessResult?> TryRunAsync(
        string fileName, string[] arguments, string workingDirectory, IDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5)); // a hung install or script fails the test instead of hanging it
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var standardOutput = await output;
            return new ProcessResult(process.ExitCode, standardOutput, standardOutput + await error);
        }
    }

    private sealed record ProcessResult(int ExitCode, string StandardOutput, string Output);
}
