using System.Net;
using System.Net.Http.Headers;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// Two servers on one SQLite file, which has no signal: the revocation reaches the other server by its periodic
/// reload, and that reload also ends the token's open event streams there.
/// </summary>
public sealed class SharedSqliteRevocationTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("vexil-shared-sqlite");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reload_that_finds_the_token_revoked_ends_its_streams()
    {
        using var a = Server();
        using var b = Server();
        using var adminA = a.CreateAdminClient();
        var (id, secret) = await TokenApi.CreateAsync(adminA, "shared-file-reader", "read");

        using var onB = b.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await onB.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.NotNull(await stream.ReadBlockAsync(Cancel));

        using (var revoked = await adminA.DeleteAsync($"{TokenApi.Path}/{id}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // Ends within a reload or two; a stream that stays open runs into the cancellation and fails the test.
        using var ends = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.ReadBlockAsync(ends.Token) is not null)
        {
        }
    }

    public void Dispose()
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

    private VexilServerFactory Server() => VexilServerFactory.With(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "shared.db")}",
        ["Vexil:Auth:TokenRefreshInterval"] = "00:00:01",
    });
}
