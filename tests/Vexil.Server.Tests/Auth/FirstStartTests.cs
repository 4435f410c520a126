using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>The first start: one admin token, printed once, usable at once; never again on later starts.</summary>
public sealed partial class FirstStartTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("vexil-first-start");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestPaths.DeleteTempFolder(folder);
    }

    [Fact]
    public async Task The_first_start_prints_one_admin_token_that_works_and_later_starts_print_none()
    {
        string secret;
        await using (var first = Server(bootstrapToken: null))
        {
            first.CreateClient();
            var announcements = FirstStartLines(first);
            var line = Assert.Single(announcements);
            secret = Assert.Single(SecretPattern().Matches(line)).Value;
            Assert.Contains("Open ", line, StringComparison.Ordinal);
            Assert.Contains("/api/v1/tokens", line, StringComparison.Ordinal);

            var tokens = await first.CreateClientWithToken(secret).GetAsync(TokenApi.Path, Cancel);
            Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
            var token = Assert.Single((await TokenApi.JsonAsync(tokens)).EnumerateArray());
            Assert.Equal("first-admin", token.GetProperty("name").GetString());
            Assert.Equal("admin", token.GetProperty("kind").GetString());
            Assert.Equal("vexil first start", token.GetProperty("createdBy").GetString());
        }

        await using var second = Server(bootstrapToken: null);
        var again = await second.CreateClientWithToken(secret).GetAsync(TokenApi.Path, Cancel);

        Assert.Empty(FirstStartLines(second));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await TokenApi.JsonAsync(again)).EnumerateArray());
    }

    [Fact]
    public async Task With_a_bootstrap_token_configured_no_token_is_made()
    {
        await using var server = Server(bootstrapToken: VexilServerFactory.AdminToken);

        var tokens = await server.CreateAdminClient().GetAsync(TokenApi.Path, Cancel);

        Assert.Empty(FirstStartLines(server));
        Assert.Equal(JsonValueKind.Array, (await TokenApi.JsonAsync(tokens)).ValueKind);
        Assert.Empty((await TokenApi.JsonAsync(tokens)).EnumerateArray());
    }

    private AuthServerFactory Server(string? bootstrapToken) => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}",
        ["Vexil:Auth:BootstrapAdminToken"] = bootstrapToken,
    });

    private static List<string> FirstStartLines(AuthServerFactory server) =>
        server.Logs.Entries
            .Where(entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("First start", StringComparison.Ordinal))
            .Select(entry => entry.Message)
            .ToList();

    [GeneratedRegex("vxl_[A-Za-z0-9_-]{43}")]
    private static partial Regex SecretPattern();
}
