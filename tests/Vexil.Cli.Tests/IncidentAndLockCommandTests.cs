using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil incident ...</c> and <c>vexil lock ...</c> against fake <c>/api/v1/incidents</c> and <c>/api/v1/change-locks</c>.</summary>
public sealed class IncidentAndLockCommandTests : IAsyncLifetime
{
    private const string Incident = """{"id":4,"title":"Database down","severity":1,"openedBy":"alice","openedAt":"2026-11-21T10:00:00Z","closedBy":null,"closedAt":null}""";

    private readonly CliSandbox sandbox = new();
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        sandbox.UseServer(server.BaseAddress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Open_joins_the_title_words_and_sends_the_severity()
    {
        server.On("POST", "/api/v1/incidents", new FakeResponse(201, Incident));

        var run = await sandbox.RunAsync(["incident", "open", "Database", "down", "--severity", "1"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Opened incident 4 (S1): Database down. Changes to protected environments are refused until it is closed.\n", run.Out);
        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal("Database down", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("severity").GetInt32());
    }

    [Fact]
    public async Task Close_posts_to_the_incidents_close_route()
    {
        server.On("POST", "/api/v1/incidents/4/close", new FakeResponse(200, Incident.Replace("\"closedAt\":null", "\"closedAt\":\"2026-11-21T11:00:00Z\"", StringComparison.Ordinal)));

        var run = await sandbox.RunAsync(["incident", "close", "4"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Closed incident 4 (S1): Database down.\n", run.Out);
        Assert.Equal("/api/v1/incidents/4/close", server.SingleRequest().Path);
        Assert.Equal("{}", server.SingleRequest().Body);
    }

    [Fact]
    public async Task Close_accepts_an_empty_answer()
    {
        server.On("POST", "/api/v1/incidents/9/close", new FakeResponse(204, null));

        var run = await sandbox.RunAsync(["incident", "close", "9"]);

        Assert.Equal("Closed incident 9.\n", run.Out);
    }

    [Theory]
    [InlineData("[" + Incident + "]")]
    [InlineData("{\"incidents\":[" + Incident + "]}")]
    public async Task List_reads_a_bare_or_wrapped_array_into_a_table(string answer)
    {
        server.On("GET", "/api/v1/incidents", new FakeResponse(200, answer));

        var run = await sandbox.RunAsync(["incident", "list"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Out.Split('\n'), l => l.Contains("Database down", StringComparison.Ordinal) && l.Contains("open, blocks production", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_all_asks_for_closed_incidents_too()
    {
        server.On("GET", "/api/v1/incidents", new FakeResponse(200, "[]"));

        var open = await sandbox.RunAsync(["incident", "list"]);
        var all = await sandbox.RunAsync(["incident", "list", "--all"]);

        Assert.Equal("No open incidents.\n", open.Out);
        Assert.Equal("No incidents.\n", all.Out);
        Assert.Equal(["", "?status=all"], server.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Lock_add_sends_the_window_and_environments()
    {
        server.On("POST", "/api/v1/change-locks", new FakeResponse(201, """
            {"id":3,"reason":"Release freeze","startsAt":"2026-12-20T00:00:00Z","endsAt":"2027-01-04T00:00:00Z","environments":["production"],"createdBy":"alice","createdAt":"2026-11-21T10:00:00Z"}
            """));

        var run = await sandbox.RunAsync(["lock", "add", "--reason", "Release freeze", "--from", "2026-12-20T00:00:00Z", "--until", "2027-01-04T00:00:00Z", "--env", "production"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Added change lock 3: production from 2026-12-20 00:00 UTC until 2027-01-04 00:00 UTC (Release freeze).\n", run.Out);
        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal("Release freeze", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), body.RootElement.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), body.RootElement.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(["production"], body.RootElement.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Lock_list_and_remove()
    {
        server.On("GET", "/api/v1/change-locks", new FakeResponse(200, """
            [{"id":3,"reason":"Release freeze","startsAt":"2000-01-01T00:00:00Z","endsAt":"2001-01-01T00:00:00Z","environments":[],"createdBy":"alice","createdAt":"2000-01-01T00:00:00Z"}]
            """));
        server.On("DELETE", "/api/v1/change-locks/3", new FakeResponse(204, null));

        var list = await sandbox.RunAsync(["lock", "list", "--all"]);
        var remove = await sandbox.RunAsync(["lock", "remove", "3"]);

        Assert.Contains(list.Out.Split('\n'), l => l.Contains("all protected", StringComparison.Ordinal) && l.Contains("over", StringComparison.Ordinal));
        Assert.Equal("Removed change lock 3.\n", remove.Out);
        Assert.Equal("?all=true", server.Requests[0].Query);
    }
}
