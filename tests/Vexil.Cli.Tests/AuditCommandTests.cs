using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil audit</c> against a fake <c>GET /api/v1/audit</c>: the query sent and the table shown.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private const string Page = """
        {"page":1,"pageSize":2,"total":3,"events":[
          {"id":12,"sequence":5,"occurredAt":"2026-11-21T10:05:00Z","environment":"production","flag":"duo_chat_multi_thread","action":"set",
           "before":null,"after":{"boolean":false,"actors":["User:lulalala"],"groups":["gitlab_team_members"],"percentageOfActors":0,"percentageOfTime":0},
           "user":"alice","via":"cli","from":"127.0.0.1","reason":null,"requestId":"r1","title":"Feature flag 'duo_chat_multi_thread' has been set to 'true' on production","details":{}},
          {"id":11,"sequence":4,"occurredAt":"2026-11-21T10:00:00Z","environment":"staging","flag":"duo_chat_multi_thread","action":"set",
           "before":null,"after":{"boolean":false,"actors":[],"groups":[],"percentageOfActors":50,"percentageOfTime":0},
           "user":"alice","via":"chat","from":null,"reason":null,"requestId":null,"title":null,"details":{}}]}
        """;

    private readonly CliSandbox sandbox = new();
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        sandbox.UseServer(server.BaseAddress);
        server.On("GET", "/api/v1/audit", new FakeResponse(200, Page));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Filters_become_the_query_string()
    {
        var run = await sandbox.RunAsync(["audit", "--flag", "duo_chat_multi_thread", "--env", "gprd", "--user", "a b&c", "--page", "2", "--page-size", "10"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("?flag=duo_chat_multi_thread&environment=gprd&user=a%20b%26c&page=2&pageSize=10", server.SingleRequest().Query);
    }

    [Fact]
    public async Task Without_filters_only_the_first_page_is_asked_for()
    {
        await sandbox.RunAsync(["audit"]);

        Assert.Equal("?page=1", server.SingleRequest().Query);
    }

    [Fact]
    public async Task Events_are_shown_as_a_table_with_what_the_flag_lets_through()
    {
        var run = await sandbox.RunAsync(["audit"]);

        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("2026-11-21 10:05 UTC", StringComparison.Ordinal)
            && l.Contains("production", StringComparison.Ordinal)
            && l.Contains("gitlab_team_members, User:lulalala", StringComparison.Ordinal)
            && l.Contains("cli (127.0.0.1)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("staging", StringComparison.Ordinal) && l.Contains("50% of actors", StringComparison.Ordinal));
        Assert.Contains("Page 1 of 2, 3 events. Next: --page 2.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_page_as_sent()
    {
        var run = await sandbox.RunAsync(["audit", "--json"]);

        Assert.Equal(Page + "\n", run.Out);
    }

    [Fact]
    public async Task Attempts_are_asked_for_and_shown_with_their_kind_and_refusal()
    {
        server.On("GET", "/api/v1/audit", new FakeResponse(200, """
            {"page":1,"pageSize":50,"total":2,"events":[
              {"kind":"attempt","id":3,"sequence":null,"occurredAt":"2026-11-21T10:07:00Z","environment":"production","flag":"duo_chat_multi_thread","action":"enable",
               "before":null,"after":null,"user":"alice","via":"chat","from":"#general","reason":null,"requestId":"r2","title":"Refused","refusal":"Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel.","details":{}},
              {"kind":"token_created","id":2,"sequence":null,"occurredAt":"2026-11-21T10:06:00Z","environment":null,"flag":null,"action":null,
               "before":null,"after":null,"user":"admin","via":"api","from":"127.0.0.1","reason":null,"requestId":"r3","title":"Token 'deploy-bot' (write) created","refusal":null,"details":{}}]}
            """));

        var run = await sandbox.RunAsync(["audit", "--attempts"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("?page=1&include=attempts", server.SingleRequest().Query);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("attempt", StringComparison.Ordinal) && l.Contains("Refused: Unable to proceed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("token_created", StringComparison.Ordinal) && l.Contains("Token 'deploy-bot'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_page_says_so()
    {
        server.On("GET", "/api/v1/audit", new FakeResponse(200, """{"page":1,"pageSize":50,"total":0,"events":[]}"""));

        var run = await sandbox.RunAsync(["audit", "--flag", "nothing_here"]);

        Assert.Equal("No audit events match.\n", run.Out);
    }
}
