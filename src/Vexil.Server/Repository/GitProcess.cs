using System.Diagnostics;
using System.Text;

namespace Vexil.Server.Repository;

/// <summary>
/// Runs the <c>git</c> program with an argument list (never a shell), for the mirror's fetch and load. Chosen over
/// LibGit2Sharp by measurement (docs/benchmarks.md): git fetches with the remote's own protocol support and credential
/// helpers, and reading the whole history once per fetch is faster with <c>git log</c> than with a libgit2 walk.
/// </summary>
public static class GitProcess
{
    /// <summary>Runs git; returns its standard output, or throws <see cref="GitException"/> with its error output when it fails.</summary>
    public static async Task<string> RunAsync(string? workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        await RunAsync(workingDirectory, arguments, line => output.Append(line).Append('\n'), timeout, cancellationToken);
        return output.ToString();
    }

    /// <summary>Runs git and hands each line of standard output to <paramref name="onLine"/> as it comes, so a large history is never held twice.</summary>
    public static async Task RunAsync(string? workingDirectory, IReadOnlyList<string> arguments, Action<string> onLine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(onLine);
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        // Never wait for a password prompt, and never let the user's or system's config (pagers, hooks) change the output.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["LC_ALL"] = "C";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new GitException("The git program could not be started; install git (e.g. apt-get install git) on the server.", exception);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                onLine(line);
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new GitException($"git {arguments[0]} did not finish within {timeout.TotalSeconds:0} seconds.");
        }

        if (process.ExitCode != 0)
        {
            var error = (await errors).Trim();
            throw new GitException($"git {arguments[0]} failed (exit code {process.ExitCode}): {(error.Length == 0 ? "no error output" : error)}");
        }
    }
}
