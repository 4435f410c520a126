using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Evaluations;
using Vexil.Server.Lifecycle;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Commands;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary>The server's own sources behind the stale list, and the announcement that goes out once per flag.</summary>
public sealed class StaleFlagMonitorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_newly_stale_flag_is_announced_once_to_its_team_channel_and_recorded_in_the_audit_trail()
    {
        await using var receiver = await LocalReceiver.StartAsync(Cancel);
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:Notifications:TeamChannels:0:Group"] = "group::code creation",
            ["Vexil:Notifications:TeamChannels:0:WebhookUrl"] = receiver.Url("/hooks/code_creation"),
        });
        var monitor = harness.Services.GetRequiredService<StaleFlagMonitor>();

        var first = await monitor.CheckAsync(Cancel);
        var second = await monitor.CheckAsync(Cancel);

        Assert.Equal("code_suggestions_context", Assert.Single(first).Name);
        Assert.Empty(second);
        var message = (await receiver.NextAsync("/hooks/code_creation", Cancel)).Json["text"]!.GetValue<string>();
        Assert.StartsWith("Feature flag `code_suggestions_context` is stale (a gitlab_com_derisk flag of 16.11, past its lifetime):\n• Off in every environment", message, StringComparison.Ordinal);
        Assert.Empty(receiver.Untaken("/hooks/code_creation"));
        var page = await harness.Store.QueryAuditAsync(new AuditQuery(Flag: "code_suggestions_context", IncludeRecords: true), Cancel);
        var record = Assert.Single(page.Entries).Record!;
        Assert.Equal((AuditKinds.FlagStale, "Feature flag 'code_suggestions_context' is stale"), (record.Kind, record.Title));
        Assert.StartsWith("Off in every environment", record.Details[StaleRules.OneValue], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newly_stale_flag_gets_one_note_on_its_rollout_issue_even_when_the_team_channel_is_down()
    {
        const string NotePath = "/api/v4/projects/gitlab-org%2Fgitlab/issues/452101/notes";
        await using var gitlab = await LocalReceiver.StartAsync(Cancel);
        gitlab.Respond(NotePath, new ReceiverAnswer(201, """{"id":1}""", "application/json"));
        gitlab.Respond("/hooks/code_creation", new ReceiverAnswer(503, "down", "text/plain"));

        // The seed definitions, with code_suggestions_context's rollout issue moved onto the test's GitLab.
        var definitions = TestPaths.NewTempFolder("vexil-stale-note-definitions");
        foreach (var file in Directory.EnumerateFiles(TestPaths.ExampleDefinitions, "*.yml", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(definitions, Path.GetRelativePath(TestPaths.ExampleDefinitions, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, File.ReadAllText(file).Replace("https://gitlab.com/gitlab-org/gitlab/-/issues/452101", gitlab.Url("/gitlab-org/gitlab/-/issues/452101"), StringComparison.Ordinal));
        }

        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = definitions,
            ["Vexil:GitLab:Url"] = gitlab.BaseAddress.ToString(),
            ["Vexil:GitLab:Token"] = "glpat-vexil-test-token",
            ["Vexil:Notifications:TeamChannels:0:Group"] = "group::code creation",
            ["Vexil:Notifications:TeamChannels:0:WebhookUrl"] = gitlab.Url("/hooks/code_creation"),
        });
        var monitor = harness.Services.GetRequiredService<StaleFlagMonitor>();

        Assert.Equal("code_suggestions_context", Assert.Single(await monitor.CheckAsync(Cancel)).Name);
        Assert.Empty(await monitor.CheckAsync(Cancel));

        var note = await gitlab.NextAsync(NotePath, Cancel);
        Assert.Equal("glpat-vexil-test-token", note.Header("PRIVATE-TOKEN"));
        var body = note.Json["body"]!.GetValue<string>();
        Assert.StartsWith("Feature flag `code_suggestions_context` is stale (a gitlab_com_derisk flag of 16.11, past its lifetime).\n\n- Off in every environment", body, StringComparison.Ordinal);
        Assert.Contains("then `feature cleanup code_suggestions_context`", body, StringComparison.Ordinal);
        Assert.Empty(gitlab.Untaken(NotePath));
    }

    [Fact]
    public async Task Evaluation_counts_from_the_sdks_feed_the_not_evaluated_rule()
    {
        await using var harness = await CommandHarness.StartAsync();
        var counts = harness.Services.GetRequiredService<IEvaluationCountStore>();
        await counts.RecordAsync("staging", [new EvaluationCountIncrement("duo_chat_multi_thread", 40, 2)], CommandHarness.Start, Cancel);
        await counts.RecordAsync("production", [new EvaluationCountIncrement("duo_chat_multi_thread", 0, 8)], CommandHarness.Start, Cancel);
        harness.Clock.Advance(new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero) - CommandHarness.Start);

        var stale = await harness.Services.GetRequiredService<StaleFlagFinder>().FindAsync(Cancel);

        var duo = Assert.Single(stale, flag => flag.Name == "duo_chat_multi_thread");
        var quiet = Assert.Single(duo.Reasons, reason => reason.Rule == StaleRules.NotEvaluated);
        Assert.Equal("Not evaluated anywhere for 209 days (at least 30 needed): last evaluated 2025-02-03; 50 evaluations recorded in all, in production, staging.", quiet.Evidence);
        var never = Assert.Single(stale, flag => flag.Name == "code_suggestions_context");
        Assert.Contains(never.Reasons, reason => reason.Rule == StaleRules.NotEvaluated && reason.Evidence.StartsWith("Never evaluated anywhere", StringComparison.Ordinal));
    }
}
