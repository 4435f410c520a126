using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vexil.Testing;

/// <summary>
/// A program a test runs beside it (the server, Prometheus) in a temporary folder of its own: everything it prints is
/// kept for failure messages, and disposing kills it and removes the folder. One source file, compiled into each test
/// project that needs it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ChildProcess(Process process, string folder)
    {
        this.process = process;
        Folder = folder;
    }

    /// <summary>The process's own temporary folder, removed on dispose.</summary>
    public string Folder { get; }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Everything the process printed so far, on either stream.</summary>
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

    /// <summary>Makes a new temporary folder whose name starts with <paramref name="prefix"/>.</summary>
    public static string NewFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Removes <paramref name="folder"/>; a leftover temporary folder is harmless, so failing to is not an error.</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Starts <paramref name="start"/> (its output redirected here) in <paramref name="folder"/>, which it then owns.</summary>
    public static ChildProcess Start(ProcessStartInfo start, string folder)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = folder;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var child = new ChildProcess(process, folder);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
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
        DeleteFolder(Folder);
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
}
