using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Storage.Postgres;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

/// <summary>
/// A PostgreSQL that hangs rather than refusing (postmaster and backends frozen with SIGSTOP): writes answer 503 with
/// <c>Retry-After</c> well within the bound, <c>/health</c> answers 503 within 2 s, and once the server goes on the
/// same Vexil process writes again without a restart. The cluster is this class's own, since it is frozen.
/// </summary>
public sealed class PostgresOutageTests(PostgresOutageTests.OwnCluster own, ITestOutputHelper output) : IClassFixture<PostgresOutageTests.OwnCluster>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hung_database_gives_503_writes_and_unhealthy_health_in_time_then_recovers_without_restart()
    {
        var cluster = own.Require();
        var connectionString = await cluster.CreateDatabaseAsync("vexil_outage", Cancel);
        using var factory = VexilServerFactory.With(new Dictionary<string, string?>
        {
            ["Vexil:Database:Provider"] = "postgres",
            ["ConnectionStrings:Vexil"] = connectionString,
        });
        using var client = factory.CreateAdminClient();
        client.DefaultRequestHeaders.Add("X-Vexil-Environment", "dev");
        using (var warm = await client.PostAsync("/api/v4/features/duo_chat_multi_thread", Form("value", "true"), Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        }

        HttpResponseMessage health, write;
        TimeSpan healthTook, writeTook;
        cluster.Pause();
        try
        {
            var watch = Stopwatch.StartNew();
            health = await client.GetAsync("/health", Cancel);
            healthTook = watch.Elapsed;

            watch.Restart();
            write = await client.PostAsync("/api/v4/features/duo_chat_multi_thread", Form("value", "false"), Cancel);
            writeTook = watch.Elapsed;
        }
        finally
        {
            cluster.Resume();
        }

        output.WriteLine($"With PostgreSQL frozen, /health answered in {healthTook.TotalMilliseconds:0} ms and the write in {writeTook.TotalMilliseconds:0} ms.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.True(healthTook < TimeSpan.FromSeconds(5), $"/health took {healthTook}");

        var body = await write.Content.ReadAsStringAsync(Cancel);
        Assert.True(write.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)write.StatusCode}: {body}");
        Assert.True(writeTook < TimeSpan.FromSeconds(10), $"The write took {writeTook}");
        Assert.True(write.Headers.Contains("Retry-After"));
        Assert.Equal("application/json", write.Content.Headers.ContentType?.ToString());
        using (var json = JsonDocument.Parse(body))
        {
            var message = json.RootElement.GetProperty("message").GetString()!;
            Assert.True(message.StartsWith("503 Service Unavailable - The database is unavailable (PostgreSQL did not answer within 3 s), so the change was not made", StringComparison.Ordinal), message + " after " + writeTook);
        }

        // Without a restart: the write goes through once PostgreSQL answers again (the frozen connection is discarded).
        HttpResponseMessage? retried = null;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            retried = await client.PostAsync("/api/v4/features/duo_chat_multi_thread", Form("value", "false"), Cancel);
            if (retried.StatusCode == HttpStatusCode.Created)
            {
                break;
            }

            await Task.Delay(200, Cancel);
        }

        Assert.Equal(HttpStatusCode.Created, retried?.StatusCode);
        using var healthy = await client.GetAsync("/health", Cancel);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    private static FormUrlEncodedContent Form(string key, string value) => new([new KeyValuePair<string, string>(key, value)]);

    /// <summary>A cluster for this class alone: freezing the shared one would stall every other PostgreSQL test.</summary>
    public sealed class OwnCluster : IAsyncLifetime
    {
        private readonly PostgresClusterFixture inner = new();

        /// <summary>The running cluster, or a skip (a failure with VEXIL_REQUIRE_POSTGRES=1) without PostgreSQL.</summary>
        public ThrowawayPostgresCluster Require() => inner.Require();

        /// <inheritdoc />
        public ValueTask InitializeAsync() => inner.InitializeAsync();

        /// <inheritdoc />
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
