using System.Diagnostics;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>Finds a Python 3 with python-gitlab (Debian's <c>python3-gitlab</c>) and runs scripts with it.</summary>
public static class PythonGitLab
{
    /// <summary>Set to 1 where python-gitlab must be present (CI): the test then fails instead of skipping.</summary>
    public const string RequireVariable = "VEXIL_REQUIRE_PYTHON_GITLAB";

    // Debian's interpreter first: a pyenv or virtualenv python3 earlier on PATH usually lacks Debian's packages.
    private static readonly string[] Candidates = ["/usr/bin/python3", "python3"];

    /// <summary>The path of the script the tests run.</summary>
    public static string ClientScript => Path.Combine(AppContext.BaseDirectory, "Api", "GitLab", "python_gitlab_client.py");

    /// <summary>The first interpreter that can <c>import gitlab</c>, or null.</summary>
    public static async Task<string?> FindInterpreterAsync(CancellationToken cancellationToken)
    {
        foreach (var candidate in Candidates)
        {
            try
            {
                var (exitCode, _, _) = await RunAsync(candidate, ["-c", "import gitlab"], cancellationToken);
                if (exitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed at that path.
            }
        }

        return null;
    }

    /// <summary>Runs a program to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The server is on loopback: never send it through a proxy configured for the machine.
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        start.Environment["no_proxy"] = "127.0.0.1,localhost";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
