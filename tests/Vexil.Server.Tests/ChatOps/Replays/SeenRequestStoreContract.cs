using Vexil.Server.ChatOps.Replays;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.ChatOps.Replays;

/// <summary>
/// What every <see cref="ISeenRequestStore"/> must do, run against each implementation by a subclass, each test on a
/// database of its own migrated by the flag store.
/// </summary>
public abstract class SeenRequestStoreContract : FeatureStoreContract
{
    /// <summary>A seen-request store on this test's database.</summary>
    protected abstract ISeenRequestStore NewSeenRequestStore(TimeProvider time);

    /// <summary>A seen-request store on a migrated database.</summary>
    protected async Task<ISeenRequestStore> OpenAsync()
    {
        await MigrateAsync();
        return Another();
    }

    /// <summary>Another store on the same database, as another server would have.</summary>
    protected ISeenRequestStore Another()
    {
        return Track(NewSeenRequestStore(Clock));
    }

    [Fact]
    public async Task The_migration_is_recorded_by_name()
    {
        await OpenAsync();

        // By name: the migration's number depends on the order branches are merged in.
        Assert.NotNull(await ScalarAsync("SELECT version FROM vexil_schema_migrations WHERE name = 'chat_ids_and_token_names'"));
    }

    [Fact]
    public async Task A_request_is_new_once_and_a_replay_after_that()
    {
        var store = await OpenAsync();

        Assert.True(await store.TryRecordAsync("slack", "v0=aaa", Start.AddMinutes(5), Cancel));
        Assert.False(await store.TryRecordAsync("slack", "v0=aaa", Start.AddMinutes(5), Cancel));
        Assert.False(await Another().TryRecordAsync("slack", "v0=aaa", Start.AddMinutes(5), Cancel));
        Assert.True(await store.TryRecordAsync("slack", "v0=bbb", Start.AddMinutes(5), Cancel));
        Assert.True(await store.TryRecordAsync("mattermost", "v0=aaa", Start.AddMinutes(5), Cancel));
    }

    [Fact]
    public async Task Of_many_servers_recording_one_request_at_once_exactly_one_succeeds()
    {
        await OpenAsync();
        var stores = Enumerable.Range(0, 8).Select(_ => Another()).ToArray();

        var results = await Task.WhenAll(stores.Select(store => Task.Run(() => store.TryRecordAsync("slack", "v0=race", Start.AddMinutes(5), Cancel), Cancel)));

        Assert.Single(results, first => first);
    }

    [Fact]
    public async Task A_row_is_kept_past_its_expiry_for_clocks_that_disagree_then_removed()
    {
        var store = await OpenAsync();
        var expiresAt = Start.AddMinutes(5);
        await store.TryRecordAsync("slack", "v0=old", expiresAt, Cancel);

        Clock.Advance(TimeSpan.FromMinutes(5) + SeenRequestRows.KeepAfterExpiry - TimeSpan.FromSeconds(1));
        await store.TryRecordAsync("slack", "v0=later", Clock.GetUtcNow().AddMinutes(5), Cancel);
        Assert.Equal(2L, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM chat_seen_requests"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await store.TryRecordAsync("slack", "v0=old", expiresAt, Cancel));

        Clock.Advance(TimeSpan.FromSeconds(2));
        await store.TryRecordAsync("slack", "v0=newest", Clock.GetUtcNow().AddMinutes(5), Cancel);
        Assert.Equal(2L, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM chat_seen_requests"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(await ScalarAsync("SELECT request_key FROM chat_seen_requests WHERE request_key = 'v0=old'"));
    }

    [Theory]
    [InlineData("", "v0=a")]
    [InlineData("slack", " ")]
    public async Task An_empty_platform_or_key_is_refused(string platform, string key)
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryRecordAsync(platform, key, Start, Cancel));
    }
}
