using Vexil.Server.Deployments;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Deployments;

/// <summary>
/// What every <see cref="IDeploymentStore"/> must do, run against each implementation by a subclass, each test on a
/// database of its own migrated by the flag store (deployments come with schema 9).
/// </summary>
public abstract class DeploymentStoreContract : FeatureStoreContract
{
    private const string ShaA = "0123456789abcdef0123456789abcdef01234567";
    private const string ShaB = "89abcdef0123456789abcdef0123456789abcdef";

    /// <summary>A deployment store on this test's database.</summary>
    protected abstract IDeploymentStore NewDeploymentStore();

    /// <summary>A deployment store on a migrated database.</summary>
    protected async Task<IDeploymentStore> OpenAsync()
    {
        await MigrateAsync();
        return Track(NewDeploymentStore());
    }

    private static Deployment New(string environment = "staging", string sha = ShaA, DeploymentStatus status = DeploymentStatus.Success, int minutes = 0, string? url = null) =>
        new(0, environment, sha, "17-9-auto-deploy-2026120410", status, Start.AddMinutes(minutes), url, "ci-deployer");

    [Fact]
    public async Task The_migration_records_schema_9_deployments()
    {
        await OpenAsync();
        Assert.Equal("deployments", await ScalarAsync("SELECT name FROM vexil_schema_migrations WHERE version = 9"));
    }

    [Fact]
    public async Task A_recorded_deployment_comes_back_with_its_id_and_facts()
    {
        var store = await OpenAsync();
        var time = Start.AddTicks(1234567); // sub-microsecond ticks are cut, as PostgreSQL keeps microseconds

        var stored = await store.RecordAsync(
            new Deployment(99, " gprd ", ShaA.ToUpperInvariant(), " master ", DeploymentStatus.Running, time.ToOffset(TimeSpan.FromHours(2)), "https://ci.example.com/jobs/1", " ci "),
            Cancel);

        Assert.NotEqual(99, stored.Id);
        Assert.Equal(
            new Deployment(stored.Id, "gprd", ShaA, "master", DeploymentStatus.Running, Start.AddTicks(1234560), "https://ci.example.com/jobs/1", "ci"),
            stored);
        Assert.Equal(TimeSpan.Zero, stored.FinishedAt.Offset);
        Assert.Equal([stored], await store.ListAsync(null, null, null, 10, Cancel));
    }

    [Fact]
    public async Task The_last_successful_deployment_ignores_failures_running_ones_and_other_environments()
    {
        var store = await OpenAsync();
        Assert.Null(await store.GetLastSuccessfulAsync("staging", Cancel));

        var old = await store.RecordAsync(New(minutes: 1), Cancel);
        var newest = await store.RecordAsync(New(sha: ShaB, minutes: 5), Cancel);
        await store.RecordAsync(New(minutes: 3), Cancel); // reported late: older than the newest
        await store.RecordAsync(New(status: DeploymentStatus.Failed, minutes: 10), Cancel);
        await store.RecordAsync(New(status: DeploymentStatus.Running, minutes: 11), Cancel);
        await store.RecordAsync(New(environment: "production", minutes: 12), Cancel);

        Assert.Equal(newest, await store.GetLastSuccessfulAsync("staging", Cancel));
        Assert.NotEqual(old, newest);
        Assert.Equal(old, await store.GetLastSuccessfulAtAsync("staging", Start.AddMinutes(2), Cancel));
        Assert.Equal(newest, await store.GetLastSuccessfulAtAsync("staging", Start.AddMinutes(5), Cancel));
        Assert.Null(await store.GetLastSuccessfulAtAsync("staging", Start.AddSeconds(59), Cancel));
        Assert.Null(await store.GetLastSuccessfulAsync("dev", Cancel));
    }

    [Fact]
    public async Task Lists_are_newest_first_filtered_and_paged_by_cursor()
    {
        var store = await OpenAsync();
        var a = await store.RecordAsync(New(minutes: 1), Cancel);
        var b = await store.RecordAsync(New(environment: "production", minutes: 2), Cancel);
        var c = await store.RecordAsync(New(sha: ShaB, minutes: 2), Cancel); // same time as b: the higher id comes first
        var d = await store.RecordAsync(New(minutes: 0), Cancel);            // reported late, so it sorts last
        var e = await store.RecordAsync(New(sha: ShaB, environment: "production", minutes: 9), Cancel);

        Assert.Equal([e, c, b, a, d], await store.ListAsync(null, null, null, 10, Cancel));
        Assert.Equal([c, a, d], await store.ListAsync("staging", null, null, 10, Cancel));
        Assert.Equal([e, c], await store.ListAsync(null, ShaB.ToUpperInvariant(), null, 10, Cancel));
        Assert.Equal([e], await store.ListAsync("production", ShaB, null, 10, Cancel));

        var first = await store.ListAsync(null, null, null, 2, Cancel);
        var second = await store.ListAsync(null, null, first[^1].Id, 2, Cancel);
        var third = await store.ListAsync(null, null, second[^1].Id, 2, Cancel);
        Assert.Equal([e, c], first);
        Assert.Equal([b, a], second);
        Assert.Equal([d], third);
        Assert.Empty(await store.ListAsync(null, null, d.Id, 2, Cancel));
        Assert.Empty(await store.ListAsync(null, null, 987654, 2, Cancel));
        Assert.Equal([a, d], await store.ListAsync("staging", null, c.Id, 5, Cancel));
    }

    [Theory]
    [InlineData("0123456")]
    [InlineData("g123456789abcdef0123456789abcdef01234567")]
    [InlineData("0123456789abcdef0123456789abcdef012345678")]
    public async Task A_sha_that_is_not_40_hex_digits_is_refused(string sha)
    {
        var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(New(sha: sha), Cancel));

        Assert.Contains("40 hexadecimal digits", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(null, null, null, 10, Cancel));
    }

    [Fact]
    public async Task Bad_refs_urls_and_page_sizes_are_refused()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(New() with { Ref = " " }, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(New() with { Ref = new string('r', 256) }, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(New(url: "ftp://example.com/x"), Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(New() with { Environment = "" }, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(New() with { Status = (DeploymentStatus)42 }, Cancel));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(null, null, null, 0, Cancel));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(null, null, null, 1001, Cancel));
    }

    [Fact]
    public async Task The_schema_takes_the_deployments_token_kind_and_the_gitlab_delivery_kinds()
    {
        await OpenAsync();
        var hash = new string('a', 64);

        var token = await ScalarAsync(
            $"INSERT INTO tokens (name, kind, token_hash, created_by, created_at) VALUES ('ci', 'deployments', '{hash}', 'admin', '2025-03-01T09:00:00.000000Z') RETURNING kind");
        var note = await ScalarAsync(
            "INSERT INTO notification_deliveries (event_id, environment, flag, kind, target, payload, created_at, next_attempt_at) " +
            "VALUES (1, 'production', 'f', 'gitlab_note', 'gitlab:note', '{}', '2025-03-01T09:00:00.000000Z', '2025-03-01T09:00:00.000000Z') RETURNING kind");
        var issue = await ScalarAsync(
            "INSERT INTO notification_deliveries (event_id, environment, flag, kind, target, payload, created_at, next_attempt_at) " +
            "VALUES (1, 'production', 'f', 'gitlab_issue', 'gitlab:log', '{}', '2025-03-01T09:00:00.000000Z', '2025-03-01T09:00:00.000000Z') RETURNING kind");

        Assert.Equal("deployments", token);
        Assert.Equal("gitlab_note", note);
        Assert.Equal("gitlab_issue", issue);
    }

    [Fact]
    public async Task Deployments_join_the_audit_timeline_only_when_asked_filtered_by_environment()
    {
        var flags = await MigrateAsync();
        var store = Track(NewDeploymentStore());
        var staging = await store.RecordAsync(New(minutes: 1, url: "https://ci.example.com/jobs/7"), Cancel);
        await store.RecordAsync(New(environment: "production", sha: ShaB, status: DeploymentStatus.Failed, minutes: 2), Cancel);

        var without = await flags.QueryAuditAsync(new AuditQuery(IncludeRecords: true), Cancel);
        var all = await flags.QueryAuditAsync(new AuditQuery(IncludeDeployments: true), Cancel);
        var onlyStaging = await flags.QueryAuditAsync(new AuditQuery(Environment: "staging", IncludeDeployments: true, IncludeAttempts: true), Cancel);
        var byFlag = await flags.QueryAuditAsync(new AuditQuery(Flag: "some_flag", IncludeDeployments: true), Cancel);

        Assert.Equal(0, without.Total);
        Assert.Equal(2, all.Total);
        Assert.Equal(["production", "staging"], all.Entries.Select(e => e.Record!.Environment));
        var entry = Assert.Single(onlyStaging.Entries).Record!;
        Assert.Equal(AuditKinds.Deployment, entry.Kind);
        Assert.Equal(staging.Id, entry.Id);
        Assert.Equal(staging.FinishedAt, entry.OccurredAt);
        Assert.Equal("ci-deployer", entry.User);
        Assert.Equal("success", entry.Action);
        Assert.Equal("Deployed 17-9-auto-deploy-2026120410 (0123456789a) to staging: success", entry.Title);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["deployment_id"] = staging.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["sha"] = ShaA,
                ["ref"] = "17-9-auto-deploy-2026120410",
                ["status"] = "success",
                ["url"] = "https://ci.example.com/jobs/7",
            },
            entry.Details);
        Assert.Equal(0, byFlag.Total);
    }
}
