using System.Globalization;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// What every <see cref="ITokenStore"/> must do, run against each implementation by a subclass, as
/// <see cref="FlagStoreContract"/> is for flags. Each test gets a database of its own, migrated by the flag store of
/// the same engine (tokens share its database and its migrations).
/// </summary>
public abstract class TokenStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<object> disposables = [];

    /// <summary>The clock the stores of this test use.</summary>
    protected ManualTimeProvider Clock { get; } = new(Start);

    /// <summary>The cancellation token of the running test.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A flag store on this test's database, not initialized.</summary>
    protected abstract IFlagStore NewFlagStore();

    /// <summary>A token store on this test's database.</summary>
    protected abstract ITokenStore NewTokenStore(TimeProvider time);

    /// <summary>Every row of the tokens table, every column, as text: what someone with a copy of the database sees.</summary>
    protected abstract Task<string> DumpTokensTableAsync();

    /// <summary>Runs a query directly on this test's database and returns the first column of the first row.</summary>
    protected abstract Task<object?> ScalarAsync(string sql);

    /// <summary>Removes this test's database, after its stores are disposed.</summary>
    protected virtual ValueTask DropDatabaseAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in disposables)
        {
            if (disposable is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
        }

        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A token store on this test's database, whose schema the flag store has applied.</summary>
    protected async Task<ITokenStore> OpenAsync()
    {
        var flags = Track(NewFlagStore());
        await flags.InitializeAsync(Cancel);
        return Track(NewTokenStore(Clock));
    }

    /// <summary>Tracks a store for disposal at the end of the test.</summary>
    protected T Track<T>(T store)
        where T : notnull
    {
        disposables.Add(store);
        return store;
    }

    /// <summary>A new token's secret and what the store is given for it.</summary>
    protected static (string Secret, NewToken Token) NewToken(
        string name = "ci-deploy",
        TokenKind kind = TokenKind.Write,
        IReadOnlyList<string>? environments = null,
        DateTimeOffset? expiresAt = null)
    {
        var secret = TokenHasher.NewSecret();
        return (secret, new NewToken(name, kind, environments ?? [], TokenHasher.Hash(secret), "alice", expiresAt));
    }

    [Fact]
    public async Task The_tokens_migration_is_recorded_as_version_2()
    {
        await OpenAsync();

        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM vexil_schema_migrations WHERE version = 2 AND name = 'tokens'"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Create_returns_the_token_with_an_id_and_the_clocks_time()
    {
        var store = await OpenAsync();
        var (_, token) = NewToken(environments: ["staging", "production"]);

        var stored = await store.CreateAsync(token, Cancel);

        Assert.True(stored.Id > 0);
        Assert.Equal("ci-deploy", stored.Name);
        Assert.Equal(TokenKind.Write, stored.Kind);
        Assert.Equal(["staging", "production"], stored.Environments);
        Assert.Equal(token.Hash, stored.Hash);
        Assert.Equal("alice", stored.CreatedBy);
        Assert.Equal(Start, stored.CreatedAt);
        Assert.Null(stored.LastUsedAt);
        Assert.Null(stored.ExpiresAt);
        Assert.Null(stored.RevokedAt);
    }

    [Fact]
    public async Task A_metrics_token_is_stored_and_reads_back_as_one()
    {
        var store = await OpenAsync();

        var stored = await store.CreateAsync(NewToken(name: "prometheus", kind: TokenKind.Metrics).Token, Cancel);

        Assert.Equal(TokenKind.Metrics, stored.Kind);
        Assert.Equal(TokenKind.Metrics, (await store.GetAsync(stored.Id, Cancel))!.Kind);
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM tokens WHERE kind = 'metrics'"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_token_reads_back_as_it_was_written_through_get_and_list()
    {
        var store = await OpenAsync();
        var expires = Start.AddDays(30).AddTicks(1234567).ToOffset(TimeSpan.FromHours(2));
        var stored = await store.CreateAsync(NewToken(kind: TokenKind.Read, environments: ["staging-ref"], expiresAt: expires).Token, Cancel);

        var got = await store.GetAsync(stored.Id, Cancel);
        var listed = Assert.Single(await store.ListAsync(Cancel));

        foreach (var read in new[] { got!, listed })
        {
            Assert.Equal(stored with { Environments = read.Environments }, read);
            Assert.Equal(stored.Environments, read.Environments);
        }

        // Kept to the microsecond, as PostgreSQL keeps it, and compared as instants.
        Assert.Equal(expires.AddTicks(-(expires.Ticks % TimeSpan.TicksPerMicrosecond)), got!.ExpiresAt);
    }

    [Fact]
    public async Task The_database_holds_the_hash_and_never_the_secret()
    {
        var store = await OpenAsync();
        var (secret, token) = NewToken();

        await store.CreateAsync(token, Cancel);

        var table = await DumpTokensTableAsync();
        Assert.Contains(TokenHasher.Hash(secret), table, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, table, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[TokenHasher.Prefix.Length..], table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_passed_where_the_hash_belongs_is_refused_before_it_reaches_the_database()
    {
        var store = await OpenAsync();
        var (secret, token) = NewToken();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(token with { Hash = secret }, Cancel));

        Assert.StartsWith("A token is stored by the SHA-256 of its secret only", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(Cancel));
    }

    [Theory]
    [InlineData("", "alice", "A token needs a name")]
    [InlineData("ci", " ", "A token must say who made it")]
    public async Task A_token_without_name_or_creator_is_refused(string name, string createdBy, string message)
    {
        var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(NewToken().Token with { Name = name, CreatedBy = createdBy }, Cancel));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_kind_round_trips()
    {
        var store = await OpenAsync();

        foreach (var kind in Enum.GetValues<TokenKind>())
        {
            await store.CreateAsync(NewToken(name: kind.ToString(), kind: kind).Token, Cancel);
        }

        Assert.Equal(Enum.GetValues<TokenKind>(), (await store.ListAsync(Cancel)).Select(token => token.Kind));
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_null()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetAsync(42, Cancel));
    }

    [Fact]
    public async Task List_holds_every_token_oldest_first_and_list_active_only_the_usable_ones()
    {
        var store = await OpenAsync();
        var plain = await store.CreateAsync(NewToken(name: "plain").Token, Cancel);
        var revoked = await store.CreateAsync(NewToken(name: "revoked").Token, Cancel);
        var expiring = await store.CreateAsync(NewToken(name: "expiring", expiresAt: Start.AddHours(1)).Token, Cancel);
        var later = await store.CreateAsync(NewToken(name: "later", expiresAt: Start.AddDays(1)).Token, Cancel);
        await store.RevokeAsync(revoked.Id, Cancel);

        Assert.Equal(["plain", "expiring", "later"], (await store.ListActiveAsync(Cancel)).Select(token => token.Name));

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(["plain", "later"], (await store.ListActiveAsync(Cancel)).Select(token => token.Name));
        Assert.Equal([plain.Id, revoked.Id, expiring.Id, later.Id], (await store.ListAsync(Cancel)).Select(token => token.Id));
    }

    [Fact]
    public async Task Revoke_stamps_the_time_and_revoking_again_keeps_the_first_time()
    {
        var store = await OpenAsync();
        var token = await store.CreateAsync(NewToken().Token, Cancel);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var first = await store.RevokeAsync(token.Id, Cancel);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await store.RevokeAsync(token.Id, Cancel);

        Assert.Equal(Start.AddMinutes(5), first!.RevokedAt);
        Assert.Equal(Start.AddMinutes(5), second!.RevokedAt);
        Assert.Equal(Start.AddMinutes(5), (await store.GetAsync(token.Id, Cancel))!.RevokedAt);
        Assert.False(second.IsActiveAt(Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Revoke_of_an_unknown_id_is_null_and_changes_nothing()
    {
        var store = await OpenAsync();
        var token = await store.CreateAsync(NewToken().Token, Cancel);

        Assert.Null(await store.RevokeAsync(token.Id + 1, Cancel));
        Assert.Single(await store.ListActiveAsync(Cancel));
    }

    [Fact]
    public async Task Record_use_moves_last_used_forward_only_and_ignores_unknown_ids()
    {
        var store = await OpenAsync();
        var first = await store.CreateAsync(NewToken(name: "first").Token, Cancel);
        var second = await store.CreateAsync(NewToken(name: "second").Token, Cancel);

        await store.RecordUseAsync([new TokenUse(first.Id, Start.AddMinutes(10)), new TokenUse(second.Id, Start.AddMinutes(3)), new TokenUse(999, Start)], Cancel);
        await store.RecordUseAsync([new TokenUse(first.Id, Start.AddMinutes(4)), new TokenUse(second.Id, Start.AddMinutes(7))], Cancel);
        await store.RecordUseAsync([], Cancel);

        Assert.Equal(Start.AddMinutes(10), (await store.GetAsync(first.Id, Cancel))!.LastUsedAt);
        Assert.Equal(Start.AddMinutes(7), (await store.GetAsync(second.Id, Cancel))!.LastUsedAt);
    }

    [Fact]
    public async Task Create_if_none_creates_on_an_empty_table_only()
    {
        var store = await OpenAsync();

        var first = await store.CreateIfNoneAsync(NewToken(name: "first-admin", kind: TokenKind.Admin).Token, Cancel);
        var second = await store.CreateIfNoneAsync(NewToken(name: "another-admin", kind: TokenKind.Admin).Token, Cancel);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(["first-admin"], (await store.ListAsync(Cancel)).Select(token => token.Name));
    }

    [Fact]
    public async Task Create_if_none_counts_revoked_tokens_too()
    {
        var store = await OpenAsync();
        var token = await store.CreateAsync(NewToken().Token, Cancel);
        await store.RevokeAsync(token.Id, Cancel);

        Assert.Null(await store.CreateIfNoneAsync(NewToken(kind: TokenKind.Admin).Token, Cancel));
    }

    [Fact]
    public async Task Create_if_none_from_several_servers_at_once_creates_exactly_one_token()
    {
        var store = await OpenAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => Track(NewTokenStore(Clock))).ToList();

        var results = await Task.WhenAll(stores.Select(other => Task.Run(() => other.CreateIfNoneAsync(NewToken(kind: TokenKind.Admin).Token, Cancel), Cancel)));

        Assert.Single(results, result => result is not null);
        Assert.Single(await store.ListAsync(Cancel));
    }

    // ----- Names ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ci-deploy")]
    [InlineData("CI-Deploy")]
    public async Task A_second_active_token_with_the_same_name_ignoring_case_is_refused_and_not_stored(string name)
    {
        var store = await OpenAsync();
        var holder = await store.CreateAsync(NewToken(name: "ci-deploy").Token, Cancel);

        var taken = await Assert.ThrowsAsync<TokenNameTakenException>(() => store.CreateAsync(NewToken(name: name).Token, Cancel));

        Assert.Equal(name, taken.Name);
        Assert.Equal(holder.Id, taken.HolderId);
        Assert.Equal($"A token named '{name}' is already active (token {holder.Id}): pick another name, or revoke token {holder.Id} first.", taken.Message);
        Assert.Equal([holder.Id], (await store.ListAsync(Cancel)).Select(token => token.Id));
    }

    [Fact]
    public async Task A_revoked_tokens_name_may_be_used_again()
    {
        var store = await OpenAsync();
        var old = await store.CreateAsync(NewToken().Token, Cancel);
        await store.RevokeAsync(old.Id, Cancel);

        var renewed = await store.CreateAsync(NewToken().Token, Cancel);

        Assert.Equal(["ci-deploy", "ci-deploy"], (await store.ListAsync(Cancel)).Select(token => token.Name));
        Assert.Equal([renewed.Id], (await store.ListActiveAsync(Cancel)).Select(token => token.Id));
    }

    [Fact]
    public async Task An_expired_token_gives_up_its_name_and_is_marked_revoked_when_the_name_is_reused()
    {
        var store = await OpenAsync();
        var expired = await store.CreateAsync(NewToken(expiresAt: Start.AddHours(1)).Token, Cancel);
        var other = await store.CreateAsync(NewToken(name: "other", expiresAt: Start.AddHours(1)).Token, Cancel);
        Clock.Advance(TimeSpan.FromHours(2));

        var renewed = await store.CreateAsync(NewToken().Token, Cancel);

        Assert.Equal(Start.AddHours(2), (await store.GetAsync(expired.Id, Cancel))!.RevokedAt);
        Assert.Null((await store.GetAsync(other.Id, Cancel))!.RevokedAt);
        Assert.Null((await store.GetAsync(renewed.Id, Cancel))!.RevokedAt);
    }

    [Fact]
    public async Task A_token_that_has_not_expired_yet_keeps_its_name()
    {
        var store = await OpenAsync();
        await store.CreateAsync(NewToken(expiresAt: Start.AddHours(1)).Token, Cancel);
        Clock.Advance(TimeSpan.FromMinutes(59));

        await Assert.ThrowsAsync<TokenNameTakenException>(() => store.CreateAsync(NewToken().Token, Cancel));
    }

    [Fact]
    public async Task Of_several_servers_making_the_same_name_at_once_exactly_one_succeeds()
    {
        var store = await OpenAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => Track(NewTokenStore(Clock))).ToList();

        var attempts = stores.Select(other => Task.Run(async () =>
        {
            try
            {
                return await other.CreateAsync(NewToken().Token, Cancel);
            }
            catch (TokenNameTakenException)
            {
                return null;
            }
        }, Cancel));
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, result => result is not null);
        Assert.Single(await store.ListAsync(Cancel));
    }

    [Theory]
    [InlineData("bootstrap-admin")]
    [InlineData("Bootstrap-Admin")]
    [InlineData(" BOOTSTRAP-ADMIN ")]
    public async Task The_bootstrap_tokens_name_is_reserved(string name)
    {
        var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(NewToken(name: name).Token, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateIfNoneAsync(NewToken(name: name, kind: TokenKind.Admin).Token, Cancel));

        Assert.StartsWith("'bootstrap-admin' is reserved for the bootstrap admin token (Vexil:Auth:BootstrapAdminToken); pick another name.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(Cancel));
    }

    [Fact]
    public async Task The_first_start_token_holds_its_name_like_any_other()
    {
        var store = await OpenAsync();
        var first = await store.CreateIfNoneAsync(NewToken(name: "first-admin", kind: TokenKind.Admin).Token, Cancel);

        var taken = await Assert.ThrowsAsync<TokenNameTakenException>(() => store.CreateAsync(NewToken(name: "first-admin").Token, Cancel));

        Assert.Equal(first!.Id, taken.HolderId);
    }

    [Fact]
    public async Task Upgrading_renames_duplicate_active_names_and_a_bootstrap_admin_token_which_keep_working()
    {
        // A database as it was before names were unique: the migration is undone, then tokens share names.
        var store = await OpenAsync();
        await ScalarAsync("DROP INDEX tokens_active_name");
        await ScalarAsync("DROP TABLE chat_seen_requests");
        await ScalarAsync("DELETE FROM vexil_schema_migrations WHERE name = 'chat_ids_and_token_names'");
        foreach (var (name, revoked) in new[] { ("ci", false), ("CI", false), ("ci", true), ("ci", false), ("bootstrap-admin", false), ("solo", false) })
        {
            await ScalarAsync(
                "INSERT INTO tokens (name, kind, token_hash, environments, created_by, created_at, revoked_at) " +
                $"VALUES ('{name}', 'read', '{TokenHasher.Hash(TokenHasher.NewSecret())}', '[]', 'alice', '2025-03-01T09:00:00.000000Z', {(revoked ? "'2025-03-01T09:00:00.000000Z'" : "NULL")})");
        }

        await Track(NewFlagStore()).InitializeAsync(Cancel);

        var tokens = await store.ListAsync(Cancel);
        Assert.Equal(["ci", $"CI ({tokens[1].Id})", "ci", $"ci ({tokens[3].Id})", $"bootstrap-admin ({tokens[4].Id})", "solo"], tokens.Select(token => token.Name));
        Assert.Equal(5, (await store.ListActiveAsync(Cancel)).Count);
        await Assert.ThrowsAsync<TokenNameTakenException>(() => store.CreateAsync(NewToken(name: "Ci").Token, Cancel));
    }
}
