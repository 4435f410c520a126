using System.Net;
using Vexil.Server.Commands.Results;
using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary><c>release check</c> with GitLab release-tools' logic and messages, word for word.</summary>
public sealed class ReleaseCheckTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    private TestGitRepository Git => fixture.Repository;

    private static string Url(int iid) => TestGitRepository.MergeRequestUrl(iid);

    private static string Mr(int iid) => $"gitlab-org/gitlab!{iid}";

    [Fact]
    public async Task The_lowest_release_tag_containing_the_merge_commit_answers_whatever_the_version()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);

        Assert.Equal($"{Mr(101)} was first released in v17.8.0-ee.", (await harness.RunAsync($"release check {Url(101)} 17.9")).Headline);
        Assert.Equal($"{Mr(101)} was first released in v17.8.0-ee.", (await harness.RunAsync($"release check {Url(101)}")).Headline);
        Assert.Equal($"{Mr(102)} was first released in v17.9.0-ee.", (await harness.ChatAsync($"/chatops run release check {Url(102)} 17.9")).Headline);
    }

    [Fact]
    public async Task The_stable_branch_decides_when_no_tag_contains_it()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);

        var included = await harness.RunAsync($"release check {Url(103)} 17.9");
        Assert.Equal(CommandOutcome.Succeeded, included.Outcome);
        Assert.Equal($"{Mr(103)} has been included in the stable branch. This MR will be released in 17.9.", included.Headline);
        Assert.Equal(["Stable branch checked: `17-9-stable-ee`."], included.Notes);

        // !104 was cherry-picked into the stable branch, but its merge commit is not there: GitLab says the same.
        Assert.Equal(
            $"{Mr(104)} has not been included in the stable branch. The MR _will not_ be released in 17.9.",
            (await harness.RunAsync($"release check {Url(104)} 17.9")).Headline);
    }

    [Fact]
    public async Task Without_a_version_an_unreleased_merge_request_gets_GitLabs_hint_and_the_next_version()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);

        var result = await harness.RunAsync($"release check {Url(104)}");

        Assert.Equal(
            $"{Mr(104)} was not released in any past version. Try checking with the upcoming release version. Ex: `release check <MR URL> 14.2`",
            result.Headline);
        Assert.Equal([$"The next monthly release after 17.9 is 17.10: `release check {Url(104)} 17.10`."], result.Notes);
    }

    [Fact]
    public async Task Without_a_stable_branch_production_decides()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);

        var before = await harness.RunAsync($"release check {Url(104)} 17.10");
        Assert.Equal(
            $"{Mr(104)} has not yet been deployed to gprd. It cannot be included in the monthly release until it is deployed to gprd.",
            before.Headline);
        Assert.Equal(["No successful deployment to production is recorded."], before.Notes);

        await harness.DeployAsync("production", Git.Merge104, TestGitRepository.AutoDeployBranch);
        var after = await harness.RunAsync($"release check {Url(104)} 17.10");
        Assert.Equal($"{Mr(104)} has been deployed to gprd. It will most likely be included in release 17.10.", after.Headline);

        // Staging alone does not count.
        Assert.Equal(
            $"{Mr(101)} was first released in v17.8.0-ee.",
            (await harness.RunAsync($"release check {Url(101)} 17.10")).Headline);
    }

    [Fact]
    public async Task A_sha_works_in_place_of_the_merge_request()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);

        Assert.Equal($"`{Git.Merge101[..8]}` was first released in v17.8.0-ee.", (await harness.RunAsync($"release check {Git.Merge101[..9]}")).Headline);
        Assert.Equal(
            ":exclamation: `abcdef0123` not found in `gitlab-org/gitlab`.",
            (await harness.RunAsync("release check abcdef0123 17.9")).Headline);
    }

    [Theory]
    [InlineData("17.9.1")]
    [InlineData("v17.9")]
    [InlineData("17")]
    public async Task A_version_not_of_the_form_X_Y_gets_GitLabs_error(string version)
    {
        await using var harness = await ReleaseHarness.StartAsync(Git, fetch: false);
        var result = await harness.RunAsync($"release check {Url(101)} {version}");

        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.Equal($"'{version}' is not a valid monthly release version. Monthly release versions look like 10.0 or 14.2.", result.Headline);
    }

    [Fact]
    public async Task Neither_a_merge_request_url_nor_a_sha_is_refused_in_GitLabs_words()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git, fetch: false);

        Assert.Equal(
            "https://gitlab.example.com/gitlab-org/gitlab/-/issues/5 is not a valid merge request URL.",
            (await harness.RunAsync("release check https://gitlab.example.com/gitlab-org/gitlab/-/issues/5 17.9")).Headline);
        Assert.Equal(
            "The release subcommand is invalid. The following subcommands are available: check. Give the merge request and, optionally, the monthly release: `release check <merge-request-url or sha> [X.Y]`, e.g. `release check https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977 17.9`.",
            (await harness.RunAsync("release status 17.9")).Headline);
    }

    [Fact]
    public async Task A_merge_request_no_commit_message_names_is_unknown_without_GitLab()
    {
        await using var harness = await ReleaseHarness.StartAsync(Git);
        var result = await harness.RunAsync($"release check {Url(106)} 17.10");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(
            $"Vexil cannot tell which commit merged {Mr(106)}: no merge commit in `gitlab-org/gitlab` says `See merge request gitlab-org/gitlab!106`, and Vexil:GitLab is not configured to ask GitLab. Give the merge commit's sha instead: `release check <sha> [X.Y]`.",
            result.Headline);
    }

    [Fact]
    public async Task GitLabs_merge_requests_api_answers_for_squashed_open_and_missing_merge_requests_and_is_cached()
    {
        var gitLab = new StubGitLab()
            .Answer("/api/v4/projects/gitlab-org%2Fgitlab/merge_requests/106", HttpStatusCode.OK,
                $$"""{"iid": 106, "state": "merged", "merge_commit_sha": null, "squash_commit_sha": "{{Git.Squash106}}", "merged_at": "2026-12-01T10:00:00Z"}""")
            .Answer("/api/v4/projects/gitlab-org%2Fgitlab/merge_requests/105", HttpStatusCode.OK,
                """{"iid": 105, "state": "opened", "merge_commit_sha": null, "squash_commit_sha": null, "merged_at": null}""");
        await using var harness = await ReleaseHarness.StartAsync(
            Git,
            settings: new Dictionary<string, string?> { ["Vexil:GitLab:Url"] = "https://gitlab.example.com/", ["Vexil:GitLab:Token"] = "glpat-test" },
            gitLab: gitLab);

        Assert.Equal(
            $"{Mr(106)} has not yet been deployed to gprd. It cannot be included in the monthly release until it is deployed to gprd.",
            (await harness.RunAsync($"release check {Url(106)} 17.10")).Headline);
        Assert.Equal($"{Mr(105)} has not been merged as yet!", (await harness.RunAsync($"release check {Url(105)} 17.10")).Headline);
        Assert.Equal($"{Mr(999)} does not exist.", (await harness.RunAsync($"release check {Url(999)} 17.10")).Headline);

        // A merged answer never changes: asked again, GitLab is not called again. Commit messages answer without it.
        await harness.RunAsync($"release check {Url(106)} 17.10");
        await harness.RunAsync($"release check {Url(101)} 17.10");
        Assert.Equal(
            [
                "https://gitlab.example.com/api/v4/projects/gitlab-org%2Fgitlab/merge_requests/106",
                "https://gitlab.example.com/api/v4/projects/gitlab-org%2Fgitlab/merge_requests/105",
                "https://gitlab.example.com/api/v4/projects/gitlab-org%2Fgitlab/merge_requests/999",
            ],
            gitLab.Requests.Select(request => request.Url));
        Assert.All(gitLab.Requests, request => Assert.Equal("glpat-test", request.Token));
    }
}
