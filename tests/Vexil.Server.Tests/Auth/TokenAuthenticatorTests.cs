using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// The authenticator and its cache on a real SQLite store, with a hand-set clock. "Another server" is played by
/// writing to the store directly, as a second process on the same database would.
/// </summary>
public sealed class TokenAuthenticatorTests : IAsyncLifetime
{
    private const string BootstrapSecret = "vxl_bootstrap_for_tests";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string folder = Directory.CreateTempSubdirectory("vexil-auth-").FullName;
    private readonly ManualTimeProvider clock = new(Start);
    private readonly AuthOptions options = new() { BootstrapAdminToken = BootstrapSecret };
    private SqliteDatabase? database;
    private CountingTokenStore? store;
    private TokenCache? cache;
    private TokenService? service;
    private TokenAuthenticator? authenticator;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private CountingTokenStore Store => store!;

    private TokenCache Cache => cache!;

    private TokenService Service => service!;

    private TokenAuthenticator Authenticator => authenticator!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var connectionString = $"Data Source={Path.Combine(folder, "vexil.db")}";
        database = new SqliteDatabase(connectionString);
        await new SqliteFlagStore(database).InitializeAsync(Cancel);
        store = new CountingTokenStore(new SqliteTokenStore(database, clock));
        cache = new TokenCache(store, Options.Create(options), NullLogger<TokenCache>.Instance, clock);
        service = new TokenService(store, cache, NullLogger<TokenService>.Instance);
        authenticator = new TokenAuthenticator(new BootstrapTokenAuthenticator(Options.Create(options)), cache);
        await cache.ReloadAsync(Cancel);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        database?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_bootstrap_token_is_an_admin()
    {
        var principal = await Authenticator.AuthenticateAsync(BootstrapSecret, Cancel);

        Assert.NotNull(principal);
        Assert.True(principal.IsAdmin);
        Assert.Equal(BootstrapTokenAuthenticator.PrincipalName, principal.Name);
    }

    [Fact]
    public async Task A_token_made_here_works_at_once_with_its_name_kind_and_environments()
    {
        var issued = await Service.CreateAsync("ci-deploy", TokenKind.Write, ["staging"], null, "alice", Cancel);

        var principal = await Authenticator.AuthenticateAsync(issued.Secret, Cancel);

        Assert.NotNull(principal);
        Assert.Equal((issued.Token.Id, "ci-deploy", TokenKind.Write), (principal.Id, principal.Name, principal.Kind));
        Assert.Equal(["staging"], principal.Environments);
    }

    [Fact]
    public async Task An_unknown_secret_is_refused()
    {
        await Service.CreateAsync("ci-deploy", TokenKind.Write, [], null, "alice", Cancel);

        Assert.Null(await Authenticator.AuthenticateAsync("vxl_made_up", Cancel));
        Assert.Null(await Authenticator.AuthenticateAsync(string.Empty, Cancel));
    }

    [Fact]
    public async Task A_token_revoked_here_is_refused_at_once()
    {
        var issued = await Service.CreateAsync("ci-deploy", TokenKind.Write, [], null, "alice", Cancel);
        Assert.NotNull(await Authenticator.AuthenticateAsync(issued.Secret, Cancel));

        await Service.RevokeAsync(issued.Token.Id, "admin", Cancel);

        Assert.Null(await Authenticator.AuthenticateAsync(issued.Secret, Cancel));
        await Cache.ReloadAsync(Cancel);
        Assert.Null(await Authenticator.AuthenticateAsync(issued.Secret, Cancel));
    }

    [Fact]
    public async Task A_token_is_refused_from_the_moment_it_expires_without_a_reload()
    {
        var issued = await Service.CreateAsync("short-lived", TokenKind.Read, [], Start.AddMinutes(10), "alice", Cancel);
        var loads = Store.ListActiveCalls;

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.NotNull(await Authenticator.AuthenticateAsync(issued.Secret, Cancel));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await Authenticator.AuthenticateAsync(issued.Secret, Cancel));
        Assert.Equal(loads, Store.ListActiveCalls);
    }

    [Fact]
    public async Task A_token_made_on_another_server_works_here_once_an_unknown_token_may_reload()
    {
        var secret = TokenHasher.NewSecret();
        await Store.CreateAsync(new NewToken("elsewhere", TokenKind.Read, [], TokenHasher.Hash(secret), "bob"), Cancel);

        // Within the reload interval of the last load, an unknown token costs no query.
        Assert.Null(await Authenticator.AuthenticateAsync(secret, Cancel));

        clock.Advance(options.UnknownTokenReloadInterval);
        var principal = await Authenticator.AuthenticateAsync(secret, Cancel);

        Assert.Equal("elsewhere", principal?.Name);
    }

    [Fact]
    public async Task A_flood_of_unknown_tokens_reloads_at_most_once_per_interval()
    {
        var loads = Store.ListActiveCalls;

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await Authenticator.AuthenticateAsync($"vxl_guess_{i}", Cancel));
        }

        Assert.Equal(loads, Store.ListActiveCalls);

        clock.Advance(options.UnknownTokenReloadInterval);
        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await Authenticator.AuthenticateAsync($"vxl_guess_{i}", Cancel));
        }

        Assert.Equal(loads + 1, Store.ListActiveCalls);
    }

    [Fact]
    public async Task Concurrent_unknown_tokens_share_one_reload()
    {
        clock.Advance(options.UnknownTokenReloadInterval);
        var loads = Store.ListActiveCalls;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () => await Authenticator.AuthenticateAsync($"vxl_guess_{i}", Cancel), Cancel)));

        Assert.All(answers, Assert.Null);
        Assert.Equal(loads + 1, Store.ListActiveCalls);
    }

    [Fact]
    public async Task A_token_revoked_on_another_server_is_refused_after_the_next_refresh()
    {
        var issued = await Service.CreateAsync("ci-deploy", TokenKind.Write, [], null, "alice", Cancel);
        await Store.RevokeAsync(issued.Token.Id, Cancel);

        await Cache.ReloadAsync(Cancel);

        Assert.Null(await Authenticator.AuthenticateAsync(issued.Secret, Cancel));
    }

    [Fact]
    public async Task Uses_are_written_in_batches_not_per_request()
    {
        var first = await Service.CreateAsync("first", TokenKind.Read, [], null, "alice", Cancel);
        var second = await Service.CreateAsync("second", TokenKind.Read, [], null, "alice", Cancel);
        var unused = await Service.CreateAsync("unused", TokenKind.Read, [], null, "alice", Cancel);

        for (var i = 0; i < 100; i++)
        {
            await Authenticator.AuthenticateAsync(first.Secret, Cancel);
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        await Authenticator.AuthenticateAsync(second.Secret, Cancel);
        Assert.Equal(0, Store.RecordUseCalls);

        await Cache.FlushUsesAsync(Cancel);
        await Cache.FlushUsesAsync(Cancel);

        Assert.Equal(1, Store.RecordUseCalls);
        Assert.Equal(Start, (await Store.GetAsync(first.Token.Id, Cancel))!.LastUsedAt);
        Assert.Equal(Start.AddSeconds(5), (await Store.GetAsync(second.Token.Id, Cancel))!.LastUsedAt);
        Assert.Null((await Store.GetAsync(unused.Token.Id, Cancel))!.LastUsedAt);
    }

    [Fact]
    public async Task Authenticating_a_known_token_allocates_nothing()
    {
        var issued = await Service.CreateAsync("hot", TokenKind.Read, [], null, "alice", Cancel);

        // Warm up past tiered compilation: the runtime's own one-off work when it recompiles a hot method can show up
        // as allocations on this thread, and that is not the authenticator's doing.
        for (var i = 0; i < 5_000; i++)
        {
            await Authenticator.AuthenticateAsync(issued.Secret, Cancel);
        }

        await Task.Delay(200, Cancel); // let background tier-1 compilation finish installing its code
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            var answer = Authenticator.AuthenticateAsync(issued.Secret, Cancel);
            Assert.True(answer.IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task The_first_admin_token_is_made_once()
    {
        var first = await Service.CreateFirstAdminAsync(Cancel);
        var second = await Service.CreateFirstAdminAsync(Cancel);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(TokenKind.Admin, (await Authenticator.AuthenticateAsync(first.Secret, Cancel))?.Kind);
    }
}
