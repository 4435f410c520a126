using Microsoft.Data.Sqlite;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>Last-used times through the whole server: noted in memory, written in a batch, and written at shutdown.</summary>
public sealed class TokenUsageTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("vexil-token-usage");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string ConnectionString => $"Data Source={Path.Combine(folder, "vexil.db")}";

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_last_use_of_a_token_is_written_when_the_server_stops()
    {
        long id;
        await using (var server = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Vexil"] = ConnectionString,

            // Far beyond the test's length: only the flush at shutdown can write the time.
            ["Vexil:Auth:LastUsedFlushInterval"] = "01:00:00",
        }))
        {
            (id, var secret) = await TokenApi.CreateAsync(server.CreateAdminClient(), "used", "admin");
            await server.CreateClientWithToken(secret).GetAsync(TokenApi.Path, Cancel);

            using var database = new SqliteDatabase(ConnectionString);
            var store = new SqliteTokenStore(database);
            Assert.Null((await store.GetAsync(id, Cancel))!.LastUsedAt);
        }

        using var afterStop = new SqliteDatabase(ConnectionString);
        var after = await new SqliteTokenStore(afterStop).GetAsync(id, Cancel);

        Assert.NotNull(after!.LastUsedAt);
    }
}
