using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Vexil.Testing;

/// <summary>
/// A PostgreSQL cluster of our own for tests and benchmarks: <c>initdb</c> into a temporary folder, <c>pg_ctl</c> on a
/// free loopback port with its Unix socket in that folder, and everything stopped and deleted on dispose. Nothing
/// touches a system cluster. As root (CI containers) PostgreSQL refuses to run, so the tools run as the
/// <c>postgres</c> user through <c>runuser</c> and the folder is handed to that user.
/// This file is linked into the benchmark project as well, so it depends on Npgsql only.
/// </summary>
public sealed partial class ThrowawayPostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser initdb creates; trust authentication, loopback only.</summary>
    public const string SuperUser = "postgres";

    private const string OsUser = "postgres";

    private readonly string binDirectory;
    private readonly string root;
    private bool stopped;

    private ThrowawayPostgresCluster(string binDirectory, string root, int port)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        Port = port;
    }

    /// <summary>The TCP port the cluster listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The cluster's folder (data, socket, log).</summary>
    public string Root => root;

    private string DataDirectory => Path.Combine(root, "data");

    private string SocketDirectory => Path.Combine(root, "socket");

    private string LogFile => Path.Combine(root, "postgres.log");

    /// <summary>
    /// Finds PostgreSQL's server tools: <c>VEXIL_POSTGRES_BIN</c> if set, else the newest
    /// <c>/usr/lib/postgresql/*/bin</c> (Debian's layout) that holds <c>initdb</c> and <c>pg_ctl</c>; null when none.
    /// </summary>
    public static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("VEXIL_POSTGRES_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasTools(configured) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(version => (Version: ParseMajor(Path.GetFileName(version)), Bin: Path.Combine(version, "bin")))
            .Where(candidate => candidate.Version > 0 && HasTools(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>
    /// Creates and starts a cluster. With <paramref name="durable"/> false (tests) fsync and synchronous commit are off,
    /// which makes each commit cheap; with true (benchmarks) the server keeps PostgreSQL's durable defaults.
    /// </summary>
    public static async Task<ThrowawayPostgresCluster> StartAsync(string binDirectory, bool durable = false, CancellationToken cancellationToken = default)
    {
        var root = Directory.CreateTempSubdirectory("vexil-pg-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "socket"));
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", root], asPostgres: false, cancellationToken);
            }

            await RunAsync(
                Path.Combine(binDirectory, "initdb"),
                ["-D", Path.Combine(root, "data"), "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                asPostgres: true,
                cancellationToken);

            // A free port can be taken by someone else between our probe and the server's bind: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var cluster = new ThrowawayPostgresCluster(binDirectory, root, FreeLoopbackPort());
                try
                {
                    await cluster.StartServerAsync(durable, cancellationToken);
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < 3 && cluster.LogMentionsBindFailure())
                {
                }
            }
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>A connection string for one database of this cluster, as the superuser over TCP.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            Timeout = 30,
            CommandTimeout = 60,
        }.ConnectionString;

    /// <summary>Creates an empty database (<c>CREATE DATABASE</c>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        RequireSimpleName(name);
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Drops a database, closing its sessions first.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        RequireSimpleName(name);
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Freezes the server (postmaster and every backend) with SIGSTOP, so that connections hang instead of being
    /// refused: the kernel still accepts TCP connections into the listen backlog, but nothing ever answers. This is how
    /// a database behaves when its host is overloaded or a network path silently drops packets. Call
    /// <see cref="Resume"/> to let it go on; both only signal this cluster's own processes, by id.
    /// </summary>
    public void Pause() => Signal("STOP", postmasterFirst: true);

    /// <summary>Lets a <see cref="Pause"/>d server go on with SIGCONT.</summary>
    public void Resume() => Signal("CONT", postmasterFirst: false);

    /// <summary>
    /// Creates a login role that must authenticate with a password over TCP (scram-sha-256), while the superuser keeps
    /// trust; returns a connection string for it with <paramref name="passwordToSend"/>.
    /// </summary>
    public async Task<string> CreatePasswordRoleAsync(string role, string password, string database, string passwordToSend, CancellationToken cancellationToken = default)
    {
        RequireSimpleName(role);
        await using (var connection = new NpgsqlConnection(AdminConnectionString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}' SUPERUSER;", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // The first matching line wins: put the password rule for this role before initdb's trust lines.
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        var rules = await File.ReadAllTextAsync(hba, cancellationToken);
        await File.WriteAllTextAsync(hba, $"host all {role} 127.0.0.1/32 scram-sha-256\n" + rules, cancellationToken);
        await using (var connection = new NpgsqlConnection(AdminConnectionString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf();", connection);
            await reload.ExecuteScalarAsync(cancellationToken);
        }

        // The reload is asynchronous in the postmaster; give it a moment to read the file.
        await Task.Delay(500, cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Username = role, Password = passwordToSend }.ConnectionString;
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], asPostgres: true, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already gone, or refusing: make sure no server outlives the tests that started it.
            try
            {
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
            }
        }

        TryDelete(root);
    }

    private string AdminConnectionString() => ConnectionString("postgres");

    private void Signal(string signal, bool postmasterFirst)
    {
        // The first line of postmaster.pid is the postmaster's process id; its children are the backends and workers.
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (postmasterFirst)
        {
            // Stop the postmaster on its own before listing its children: a stopped postmaster forks no new backend, so
            // the list read next is complete (reading it first raced with a connection opening meanwhile, whose
            // backend then went on answering "while the database was frozen").
            Kill(signal, [postmaster]);
            Kill(signal, Children(postmaster));
        }
        else
        {
            Kill(signal, [.. Children(postmaster), postmaster]);
        }
    }

    private static int[] Children(int postmaster) =>
        File.ReadAllText($"/proc/{postmaster}/task/{postmaster}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();

    private static void Kill(string signal, IReadOnlyCollection<int> processes)
    {
        if (processes.Count == 0)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, .. processes.Select(id => id.ToString(CultureInfo.InvariantCulture))]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} exited with {kill.ExitCode}.");
        }
    }

    private async Task StartServerAsync(bool durable, CancellationToken cancellationToken)
    {
        var settings = new List<string>
        {
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-k {SocketDirectory}",
            "-c max_connections=200",
        };
        if (!durable)
        {
            settings.Add("-c fsync=off");
            settings.Add("-c synchronous_commit=off");
            settings.Add("-c full_page_writes=off");
        }

        await RunAsync(
            Path.Combine(binDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", string.Join(' ', settings), "start"],
            asPostgres: true,
            cancellationToken);
    }

    private bool LogMentionsBindFailure()
    {
        try
        {
            return File.Exists(LogFile) && File.ReadAllText(LogFile).Contains("could not bind", StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            // PostgreSQL will not run as root.
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", OsUser, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool HasTools(string bin) =>
        File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"));

    private static int ParseMajor(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;

    private static void RequireSimpleName(string name)
    {
        if (!SimpleName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must be lower-case letters, digits and underscores.", nameof(name));
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SimpleName();
}
