using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil scan</c>: file, line and text; <c>--json</c>; <c>--fail-on-stale</c> for CI; and the import dry run's answer.</summary>
public sealed class ScanCommandTests : IAsyncLifetime
{
    private readonly CliSandbox sandbox = new();
    private readonly string tree = TestPaths.NewTempFolder("vexil-scan");
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        sandbox.UseServer(server.BaseAddress);
        Write("app/chat.rb", "def x\n  Feature.enabled?(:duo_chat_multi_thread, user)\nend\n");
        Write("app/old.js", "if (gon.features.oldSidebar) {}\n");
        Write("config/feature_flags/beta/duo_chat_multi_thread.yml", "name: duo_chat_multi_thread\n");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
        Directory.Delete(tree, recursive: true);
    }

    [Fact]
    public async Task Scan_prints_file_line_flag_and_text_without_a_server()
    {
        var run = await sandbox.RunAsync(["scan", tree]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "app/chat.rb:2: duo_chat_multi_thread: Feature.enabled?(:duo_chat_multi_thread, user)\n"
            + "app/old.js:1: old_sidebar: if (gon.features.oldSidebar) {}\n"
            + "config/feature_flags/beta/duo_chat_multi_thread.yml:1: duo_chat_multi_thread: name: duo_chat_multi_thread\n"
            + "3 references to 2 flags in 3 files scanned (0 skipped: binary or over 16 MB).\n",
            run.Out);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fail_on_stale_exits_1_when_code_reads_a_stale_or_deleted_flag()
    {
        server.On("GET", "/api/v1/flags/stale", new FakeResponse(200, """
            {"asOf":"2026-01-01T00:00:00Z","staleAfterDays":30,"flags":[{"name":"duo_chat_multi_thread","type":"beta","group":"group::duo chat","undefined":false,
             "reasons":[{"rule":"one_value","evidence":"On in every environment (staging, production), unchanged since 2025-10-01: 92 days, at least 30 needed."}]}]}
            """));
        server.On("GET", "/api/v1/flags", new FakeResponse(200, """{"environments":["staging"],"flags":[{"name":"duo_chat_multi_thread","environments":[]}]}"""));

        var run = await sandbox.RunAsync(["scan", tree, "--fail-on-stale", "--json"]);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var stale = json.RootElement.GetProperty("stale");
        Assert.Equal(["duo_chat_multi_thread", "old_sidebar"], stale.EnumerateArray().Select(entry => entry.GetProperty("flag").GetString()));
        Assert.StartsWith("deleted: ", stale[1].GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, json.RootElement.GetProperty("references").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_pattern_is_a_usage_error()
    {
        var run = await sandbox.RunAsync(["scan", tree, "--pattern", "x{name}"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs at least 3 characters before {name}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_sends_the_file_and_shows_the_dry_run_per_flag()
    {
        var file = Write("flipper.json", """{"version":1,"features":{"search":{"boolean":"true"}}}""");
        server.On("POST", "/api/v1/import", new FakeResponse(200, """
            {"environment":"staging","source":"flipper.json","applied":false,"flags":[
              {"name":"search","action":"create","defined":false,"before":null,"after":{"boolean":true,"actors":[],"groups":[],"percentageOfActors":0,"percentageOfTime":0},"outcome":"planned"}]}
            """));

        var run = await sandbox.RunAsync(["import", "flipper", file, "--environment", "staging"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "create    search (no definition): not stored -> on\n"
            + "flipper.json: 1 of 1 flags would change on staging (dry run: add --apply to write them); 1 without a definition (imported all the same: add their definitions).\n",
            run.Out);
        using var body = JsonDocument.Parse(server.SingleRequest().Body);
        Assert.Equal(("flipper", "staging", "flipper.json", false), (body.RootElement.GetProperty("format").GetString(), body.RootElement.GetProperty("environment").GetString(), body.RootElement.GetProperty("source").GetString(), body.RootElement.GetProperty("apply").GetBoolean()));
    }

    private string Write(string relative, string content)
    {
        var path = Path.Combine(tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
