using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Rollouts.Checklist;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Repository;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// The checklist's "deployed" item against a real repository mirror and recorded deployments: done when every
/// environment with a recorded deployment runs the introducing merge request's merge commit (or a later commit), not
/// done as soon as one does not.
/// </summary>
public sealed class ChecklistDeployedTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    private const string Flag = "checklist_deployed_flag";

    private TestGitRepository Git => fixture.Repository;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Done_when_every_recorded_environment_runs_the_merge_commit_and_not_done_when_one_does_not()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git, settings: new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = Definitions(104) });
        var checklist = harness.Commands.Services.GetRequiredService<FlagChecklist>();

        // Nothing recorded yet: Vexil cannot tell.
        var item = (await checklist.BuildAsync(Flag, Cancel))["deployed"];
        Assert.Equal(ChecklistItem.Unknown, item.State);

        // staging runs !104's merge commit itself, production a later commit (!106, squashed on top of it).
        await harness.DeployAsync("staging", Git.Merge104, TestGitRepository.AutoDeployBranch, 1);
        await harness.DeployAsync("production", Git.Squash106, "master", 2);
        item = (await checklist.BuildAsync(Flag, Cancel))["deployed"];
        Assert.Equal(ChecklistItem.Done, item.State);
        Assert.StartsWith($"Runs it: staging ({Git.Merge104[..8]} at 2025-02-03 10:01 UTC), production ({Git.Squash106[..8]} at 2025-02-03 10:02 UTC).", item.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("Does not run it yet", item.Evidence, StringComparison.Ordinal);

        // One recorded environment runs a deployment from before the merge: not done, and the evidence names it.
        await harness.DeployAsync("pre", Git.Merge102, "17-9-auto-deploy-2026113000", 3);
        item = (await checklist.BuildAsync(Flag, Cancel))["deployed"];
        Assert.Equal(ChecklistItem.NotDone, item.State);
        Assert.Contains($"Does not run it yet: pre ({Git.Merge102[..8]} at 2025-02-03 10:03 UTC).", item.Evidence, StringComparison.Ordinal);

        // Its next deployment contains the merge commit: done again.
        await harness.DeployAsync("pre", Git.Merge104, TestGitRepository.AutoDeployBranch, 4);
        Assert.Equal(ChecklistItem.Done, (await checklist.BuildAsync(Flag, Cancel))["deployed"].State);
    }

    [Fact]
    public async Task Not_done_while_the_merge_request_is_not_merged()
    {
        // !105 is not in the repository: GitLab is not configured either, so the mirror's index is all Vexil has.
        await using var harness = await ReleaseHarness.StartAsync(Git, settings: new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = Definitions(999) });
        await harness.DeployAsync("staging", Git.Merge104, TestGitRepository.AutoDeployBranch, 1);

        var item = (await harness.Commands.Services.GetRequiredService<FlagChecklist>().BuildAsync(Flag, Cancel))["deployed"];

        Assert.NotEqual(ChecklistItem.Done, item.State);
    }

    private static string Definitions(int iid)
    {
        var folder = TestPaths.NewTempFolder("vexil-definitions");
        Directory.CreateDirectory(Path.Combine(folder, "beta"));
        File.WriteAllText(Path.Combine(folder, "beta", $"{Flag}.yml"), $"""
            ---
            name: {Flag}
            introduced_by_url: https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/{iid}
            rollout_issue_url: https://gitlab.example.com/gitlab-org/gitlab/-/issues/1
            milestone: '17.10'
            type: beta
            group: group::release
            default_enabled: false
            """);
        return folder;
    }
}
