using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// Two servers on one PostgreSQL database. A token revoked on one is refused by the other through LISTEN/NOTIFY, not
/// by its periodic reload (set to 10 minutes here so only the signal can do it), and the token's open OFREP event
/// streams end on both.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaRevocationTests(PostgresClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_replicas");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_revoked_on_one_replica_is_refused_by_the_other_and_its_streams_end()
    {
        using var a = Replica();
        using var b = Replica();
        using var adminA = a.CreateAdminClient();
        var (id, secret) = await TokenApi.CreateAsync(adminA, "replica-reader", "read");

        using var onB = b.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var before = await onB.GetAsync("/api/v1/environments", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var onA = a.CreateClient();
        onA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var streamA = await OpenStreamAsync(onA);
        using var streamB = await OpenStreamAsync(onB);

        using (var revoked = await adminA.DeleteAsync($"{TokenApi.Path}/{id}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var after = await onB.GetAsync("/api/v1/environments", Cancel);
            status = after.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                break;
            }

            await Task.Delay(5, Cancel);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(10));

        var refusedAfter = watch.Elapsed;
        output.WriteLine($"Replica B refused the revoked token {refusedAfter.TotalMilliseconds:0} ms after replica A answered the revocation.");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(refusedAfter < TimeSpan.FromSeconds(2), $"Took {refusedAfter}");

        // Both streams end (the end of the stream, not a timeout), and a reconnect is refused.
        using var ends = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await DrainAsync(streamA, ends.Token);
        await DrainAsync(streamB, ends.Token);
        using var again = await onB.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => database.DropAsync();

    private static async Task<ServerSentEventReader> OpenStreamAsync(HttpClient client)
    {
        var response = await client.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.NotNull(await reader.ReadBlockAsync(Cancel));
        return reader;
    }

    // Returns once the server ended the stream; a stream that stays open runs into the cancellation and fails the test.
    private static async Task DrainAsync(ServerSentEventReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadBlockAsync(cancellationToken) is not null)
        {
        }
    }

    private VexilServerFactory Replica() => VexilServerFactory.With(new Dictionary<string, string?>
    {
        ["Vexil:Database:Provider"] = "postgres",
        ["ConnectionStrings:Vexil"] = database.ConnectionString,
        ["Vexil:Auth:TokenRefreshInterval"] = "00:10:00",
        ["Vexil:Ofrep:HeartbeatInterval"] = "00:00:01",
    });
}
