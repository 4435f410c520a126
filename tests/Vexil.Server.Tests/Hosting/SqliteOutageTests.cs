using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

/// <summary>
/// Writes while another connection holds the SQLite file's write lock (<c>BEGIN EXCLUSIVE</c>): each API answers 503
/// with <c>Retry-After</c> in its own shape, in time, writes nothing, and works again once the lock is gone.
/// </summary>
public sealed class SqliteOutageTests : IDisposable
{
    /// <summary>
    /// The answer to a write that met the locked file. SQLite's 2 s lock wait ends before the 3 s deadline, so the lock
    /// is named; on a starved machine the deadline may come first. Either way nothing was written, and the answer says so.
    /// </summary>
    internal const string NotMadeBecauseLocked =
        @"The database is unavailable \((the SQLite file is locked by another connection or process|SQLite did not answer within 3 s)\), so the change was not made; retry in a few seconds\.";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly VexilServerFactory factory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gitlab_write_answers_503_in_gitlab_shape_and_works_after_the_lock_is_gone()
    {
        using var client = factory.CreateAdminClient();
        client.DefaultRequestHeaders.Add("X-Vexil-Environment", "dev");
        var auditBefore = await AuditCountAsync();

        HttpResponseMessage response;
        var watch = Stopwatch.StartNew();
        await using (await LockAsync())
        {
            response = await client.PostAsync("/api/v4/features/duo_chat_multi_thread", Form("value", "true"), Cancel);
            watch.Stop();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(watch.Elapsed < Bound, $"Took {watch.Elapsed}");
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        using (var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Matches("^503 Service Unavailable - " + NotMadeBecauseLocked + "$", body.RootElement.GetProperty("message").GetString());
        }

        Assert.Equal(auditBefore, await AuditCountAsync());

        // No restart: the same server takes the write once the file is free.
        using var retried = await client.PostAsync("/api/v4/features/duo_chat_multi_thread", Form("value", "true"), Cancel);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(auditBefore + 1, await AuditCountAsync());
    }

    [Fact]
    public async Task Native_write_answers_503_as_problem_details()
    {
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/health", Cancel);

        HttpResponseMessage response;
        var watch = Stopwatch.StartNew();
        await using (await LockAsync())
        {
            response = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "queues backing up", severity = 2 }, Cancel);
            watch.Stop();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(watch.Elapsed < Bound, $"Took {watch.Elapsed}");
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
        // SQLite's 2 s lock wait ends before the 3 s deadline, so the lock is named; on a starved machine the deadline
        // may come first. Either way the answer blames the database, never the request.
        var detail = body.RootElement.GetProperty("detail").GetString()!;
        Assert.True(
            detail.Contains("locked by another connection or process", StringComparison.Ordinal) || detail.StartsWith("The database stopped answering", StringComparison.Ordinal),
            detail);

        using var retried = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "queues backing up", severity = 2 }, Cancel);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task Command_api_write_answers_503_as_problem_details()
    {
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/health", Cancel);

        HttpResponseMessage response;
        await using (await LockAsync())
        {
            response = await client.PostAsJsonAsync("/api/v1/commands", new { text = "feature set duo_chat_multi_thread true --dev" }, Cancel);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Contains("so the change was not made", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_report_answers_503_with_retry_after_and_is_taken_once_the_lock_is_gone()
    {
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/health", Cancel);
        const string Report = """{"environment":"dev","flags":{"duo_chat_multi_thread":{"true":3,"false":1}}}""";

        HttpResponseMessage response;
        var watch = Stopwatch.StartNew();
        await using (await LockAsync())
        {
            response = await client.PostAsync("/api/v1/metrics", new StringContent(Report, System.Text.Encoding.UTF8, "application/json"), Cancel);
            watch.Stop();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(watch.Elapsed < Bound, $"Took {watch.Elapsed}");
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using (var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
        }

        using var retried = await client.PostAsync("/api/v1/metrics", new StringContent(Report, System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    public void Dispose() => factory.Dispose();

    private static FormUrlEncodedContent Form(string key, string value) => new([new KeyValuePair<string, string>(key, value)]);

    private async Task<long> AuditCountAsync() =>
        (await factory.Services.GetRequiredService<IFlagStore>().QueryAuditAsync(new AuditQuery(), Cancel)).Total;

    // Another connection takes the file's write lock, as another process (a backup, a second server) would.
    private async Task<SqliteConnection> LockAsync()
    {
        var file = new SqliteConnectionStringBuilder(factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).DataSource;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE;";
        await command.ExecuteNonQueryAsync(Cancel);
        return connection;
    }
}
