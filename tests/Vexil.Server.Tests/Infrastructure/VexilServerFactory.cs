using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Vexil.Testing;

namespace Vexil.Server.Tests.Infrastructure;

/// <summary>
/// Hosts the real server in-process on a fresh SQLite database and the example definitions, with a known bootstrap
/// admin token. Extra configuration (feature groups, environments, another database) goes in through the constructor.
/// </summary>
public class VexilServerFactory : WebApplicationFactory<Program>
{
    /// <summary>The bootstrap admin token the server accepts.</summary>
    public const string AdminToken = Vexil.Testing.RealServerProcess.AdminToken;

    private readonly string folder = TestPaths.NewTempFolder("vexil-server");
    private readonly Dictionary<string, string?> settings;

    /// <summary>Creates a factory with the defaults (the constructor xunit uses for class fixtures).</summary>
    public VexilServerFactory()
        : this(null)
    {
    }

    /// <summary>Creates a factory; <paramref name="overrides"/> win over the defaults.</summary>
    protected VexilServerFactory(IDictionary<string, string?>? overrides)
    {
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}",
            ["Vexil:Database:Provider"] = "sqlite",
            ["Vexil:Definitions:Paths:0"] = TestPaths.ExampleDefinitions,
            ["Vexil:Definitions:Watch"] = "false",
            ["Vexil:Auth:BootstrapAdminToken"] = AdminToken,
            ["Vexil:FeatureGroups:gitlab_team_members:Actors:0"] = "User:lulalala",
            ["Vexil:FeatureGroups:gitlab_team_members:Actors:1"] = "User:ck3g",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    /// <summary>A factory whose configuration <paramref name="overrides"/> win over the defaults.</summary>
    public static VexilServerFactory With(IDictionary<string, string?> overrides) => new(overrides);

    /// <summary>
    /// Starts a server that is expected to refuse to start, and returns the exception that stopped it (null when it
    /// started). WebApplicationFactory's deferred host races the application's own start-up exception: now and then it
    /// reports its disposed service provider (ObjectDisposedException) instead. That is the test host's race, not the
    /// server's behaviour, so the attempt is repeated on a fresh factory until the application's exception surfaces.
    /// </summary>
    public static TException? StartupFailure<TException>(Func<WebApplicationFactory<Program>> createFactory)
        where TException : Exception
    {
        for (var attempt = 1; ; attempt++)
        {
            using var factory = createFactory();
            try
            {
                factory.CreateClient().Dispose();
                return null;
            }
            catch (TException error)
            {
                return error;
            }
            catch (ObjectDisposedException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>A client that sends the admin token.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", AdminToken);
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // UseSetting, not ConfigureAppConfiguration: Program reads configuration while composing services, before
        // configuration sources added by the factory would be visible.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
