using Vexil.Server.Commands.Results;
using Vexil.Server.Tests.Commands;
using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary><c>auto_deploy status &lt;sha&gt;</c> against a real repository and recorded deployments, word for word.</summary>
public sealed class AutoDeployStatusTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    private TestGitRepository Git => fixture.Repository;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> CommitLineAsync(string sha)
    {
        var title = await Git.GitAsync(Cancel, "log", "-1", "--format=%s", sha);
        return $"`{sha[..8]}` {title} (https://gitlab.example.com/gitlab-org/gitlab/-/commit/{sha})";
    }

    [Fact]
    public async Task Each_environment_says_whether_its_last_successful_deployment_contains_the_commit()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        await harness.DeployAsync("staging", Git.Merge104, TestGitRepository.AutoDeployBranch, 5);
        await harness.DeployAsync("production", Git.Merge101, "17-8-auto-deploy-2026110100", 1);

        // A later failed deployment does not count: the environment still runs what it ran before.
        await harness.DeployAsync("production", Git.Merge104, TestGitRepository.AutoDeployBranch, 9, Vexil.Server.Deployments.DeploymentStatus.Failed);

        var result = await harness.RunAsync($"auto_deploy status {Git.Merge102}");

        Assert.Equal(CommandOutcome.Succeeded, result.Outcome);
        Assert.Equal(
            string.Join('\n',
                await CommitLineAsync(Git.Merge102),
                $"staging: deployed, in `{TestGitRepository.AutoDeployBranch}` (`{Git.Merge104[..8]}`) at 2025-02-03 10:05 UTC",
                $"production: not deployed; its last deployment is `17-8-auto-deploy-2026110100` (`{Git.Merge101[..8]}`) at 2025-02-03 10:01 UTC"),
            result.Headline);
        Assert.Equal(["No successful deployment is recorded for dev, pre, staging-canary, staging-ref, ops, production-canary."], result.Notes);
    }

    [Fact]
    public async Task A_commit_no_environment_runs_gets_GitLabs_warning()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        await harness.DeployAsync("staging", Git.Merge101, "17-8-auto-deploy-2026110100");

        var result = await harness.ChatAsync($"/chatops run auto_deploy status {Git.Squash106}");

        Assert.Equal(
            string.Join('\n',
                await CommitLineAsync(Git.Squash106),
                $"staging: not deployed; its last deployment is `17-8-auto-deploy-2026110100` (`{Git.Merge101[..8]}`) at 2025-02-03 10:00 UTC",
                ":warning: Unable to find a deployed branch for this commit."),
            result.Headline);
    }

    [Fact]
    public async Task A_short_sha_of_seven_characters_works()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        var result = await harness.RunAsync($"auto_deploy status {Git.Merge101[..7].ToUpperInvariant()}");

        Assert.True(result.Ok);
        Assert.StartsWith(await CommitLineAsync(Git.Merge101), result.Headline, StringComparison.Ordinal);
        Assert.EndsWith("\n:warning: Unable to find a deployed branch for this commit.", result.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_sha_gets_GitLabs_not_found()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        var result = await harness.RunAsync("auto_deploy status 0123456789abcdef");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(":exclamation: `0123456789abcdef` not found in `gitlab-org/gitlab`.", result.Headline);
    }

    [Fact]
    public async Task A_deployment_of_a_commit_not_fetched_yet_is_unknown_rather_than_not_deployed()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        const string Later = "9999999999999999999999999999999999999999";
        await harness.DeployAsync("production", Later, "master");

        var result = await harness.RunAsync($"auto_deploy status {Git.Merge101}");

        Assert.Contains(
            "production: unknown; its last deployment `master` (`99999999`) at 2025-02-03 10:00 UTC is not in the mirror yet (POST /api/v1/repository/fetch fetches it)",
            result.Headline,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto_deploy status xyz", "`xyz` is not a commit sha: give at least 7 hex digits of it, e.g. `auto_deploy status 1a2b3c4d`.")]
    [InlineData("auto_deploy status 123456", "`123456` is not a commit sha: give at least 7 hex digits of it, e.g. `auto_deploy status 1a2b3c4d`.")]
    [InlineData("auto_deploy status", "Give the commit: `auto_deploy status <sha>`, e.g. `auto_deploy status 1a2b3c4d`.")]
    [InlineData("auto_deploy status 1234567 89abcde", "Give the commit: `auto_deploy status <sha>`, e.g. `auto_deploy status 1a2b3c4d`.")]
    [InlineData("auto_deploy", "The auto_deploy subcommand is invalid. The following subcommands are available: status. Give the commit: `auto_deploy status <sha>`, e.g. `auto_deploy status 1a2b3c4d`.")]
    public async Task Bad_input_says_how_to_write_the_command(string text, string message)
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        var result = await harness.RunAsync(text);

        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.Equal(message, result.Headline);
    }

    [Fact]
    public async Task Without_a_repository_the_answer_says_which_key_to_set()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.CliAsync("auto_deploy status 1234567");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal("No repository is configured, so Vexil cannot answer `auto_deploy status`: set Vexil:Repository:Url to the team's repository.", result.Headline);
    }

    [Fact]
    public async Task Before_the_first_fetch_the_answer_says_how_to_fetch()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git, fetch: false);
        var result = await harness.RunAsync("auto_deploy status 1234567");

        Assert.Equal(
            "The mirror of `gitlab-org/gitlab` has not been fetched yet; try again shortly, or fetch it at once with POST /api/v1/repository/fetch.",
            result.Headline);
    }
}
