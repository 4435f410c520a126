using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Rollouts;
using Xunit;

namespace Vexil.Server.Tests.GitLabInstance;

/// <summary>
/// A rollout plan's automatic rollback is told on the flag's rollout issue by the rollback change's own note (the change
/// route), which carries the failed check, its query, value and threshold: one note, not two. GitLab is a local receiver.
/// </summary>
public sealed class RollbackNoteTests : IAsyncLifetime
{
    private const string NotePath = "/api/v4/projects/group%2Fsub%2Fapp/issues/42/notes";

    private LocalReceiver gitlab = null!;
    private string definitions = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        gitlab = await LocalReceiver.StartAsync(Cancel);
        gitlab.Respond(NotePath, new ReceiverAnswer(201, """{"id":1}""", "application/json"));
        definitions = TestPaths.NewTempFolder("vexil-rollback-note-definitions");
        Directory.CreateDirectory(Path.Combine(definitions, "beta"));
        var seed = await File.ReadAllTextAsync(Path.Combine(TestPaths.ExampleDefinitions, "beta", "duo_chat_multi_thread.yml"), Cancel);
        await File.WriteAllTextAsync(
            Path.Combine(definitions, "beta", "duo_chat_multi_thread.yml"),
            seed.Replace("https://gitlab.com/gitlab-org/gitlab/-/issues/511234", gitlab.Url("/group/sub/app/-/issues/42"), StringComparison.Ordinal),
            Cancel);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await gitlab.DisposeAsync();

    [Fact]
    public async Task The_rollback_note_on_the_rollout_issue_names_the_check_query_value_and_threshold()
    {
        await using var harness = await RolloutHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = definitions,
            ["Vexil:GitLab:Url"] = gitlab.BaseAddress.ToString(),
            ["Vexil:GitLab:Token"] = "glpat-vexil-test-token",
        });
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {RolloutHarness.Flag} --production --every 15m --actors --check error_rate");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(15));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(15));
        harness.Prometheus.Value(RolloutHarness.ErrorQuery, 0.05);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var rollback = (await harness.RolloutEventsAsync())[^1];
        Assert.True(rollback.Details.ContainsKey("rollout_rollback"));

        // Exactly one note about the rollback: the change's own.
        var notes = (await harness.DeliveriesAsync()).Where(delivery => delivery.EventId == rollback.Id && delivery.Kind == DeliveryKinds.GitLabNote).ToArray();
        var note = Assert.Single(notes);
        var channel = harness.Services.GetServices<IDeliveryChannel>().Single(candidate => candidate.Kind == DeliveryKinds.GitLabNote);
        await channel.SendAsync(note, Cancel);

        var body = (string)(await gitlab.NextAsync(NotePath, Cancel)).Json["body"]!;
        Assert.StartsWith("Feature flag 'duo_chat_multi_thread'", body, StringComparison.Ordinal);
        Assert.Contains("- **Environment:** production\n", body, StringComparison.Ordinal);
        Assert.Contains("- **Failed check:** error_rate\n", body, StringComparison.Ordinal);
        Assert.Contains($"- **Query:** `{RolloutHarness.ErrorQuery}`\n", body, StringComparison.Ordinal);
        Assert.Contains("- **Value:** 0.05\n", body, StringComparison.Ordinal);
        Assert.Contains("- **Threshold:** <= 0.01\n", body, StringComparison.Ordinal);
        Assert.Contains("- **Reason:** Rolled back from 25% to 10%", body, StringComparison.Ordinal);
    }
}
