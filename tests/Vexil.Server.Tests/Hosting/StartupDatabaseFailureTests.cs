using System.Net;
using System.Net.Sockets;
using Vexil.Server.Hosting;
using Vexil.Server.Tests.Storage.Postgres;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

/// <summary>
/// The real server process, started on a PostgreSQL it cannot use: it prints one line on stderr that names the problem
/// and what to check, no stack trace, and exits with <see cref="StorageStartup.ExitCode"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StartupDatabaseFailureTests(PostgresClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_password_names_the_user_and_the_connection_string_key()
    {
        var cluster = fixture.Require();
        var role = "vexil_pw_" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = await cluster.CreatePasswordRoleAsync(role, "right-password", "postgres", passwordToSend: "wrong-password", Cancel);

        var (exitCode, error, output) = await RunAsync(connectionString);

        Assert.Equal(StorageStartup.ExitCode, exitCode);
        Assert.Equal(
            $"Vexil cannot start: PostgreSQL at 127.0.0.1:{cluster.Port} refused user '{role}' (password authentication failed for user \"{role}\"); check Username and Password in ConnectionStrings:Vexil.",
            error.Trim());
        AssertNoStackTrace(error + output);
        Assert.DoesNotContain("wrong-password", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_database_says_to_create_it()
    {
        var cluster = fixture.Require();

        var (exitCode, error, output) = await RunAsync(cluster.ConnectionString("vexil_does_not_exist"));

        Assert.Equal(StorageStartup.ExitCode, exitCode);
        Assert.Equal(
            $"Vexil cannot start: PostgreSQL at 127.0.0.1:{cluster.Port} has no database 'vexil_does_not_exist'; create it, or fix Database in ConnectionStrings:Vexil.",
            error.Trim());
        AssertNoStackTrace(error + output);
    }

    [Fact]
    public async Task Nothing_listening_says_to_check_host_and_port()
    {
        var port = ClosedPort();

        var (exitCode, error, output) = await RunAsync($"Host=127.0.0.1;Port={port};Database=vexil;Username=vexil");

        Assert.Equal(StorageStartup.ExitCode, exitCode);
        Assert.Equal(
            $"Vexil cannot start: PostgreSQL at 127.0.0.1:{port} refused the connection; check Host and Port in ConnectionStrings:Vexil, and that PostgreSQL is running and listening there.",
            error.Trim());
        AssertNoStackTrace(error + output);
    }

    private static Task<(int ExitCode, string StandardError, string StandardOutput)> RunAsync(string connectionString) =>
        RealServerProcess.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["Vexil:Database:Provider"] = "postgres",
                ["ConnectionStrings:Vexil"] = connectionString,

                // An operator's default: the host's own logs would show a stack trace here if the start-up let it.
                ["Logging:LogLevel:Default"] = "Information",
            },
            Bound,
            Cancel);

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
