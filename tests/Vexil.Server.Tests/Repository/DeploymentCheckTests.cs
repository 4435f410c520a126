using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Changes;
using Vexil.Server.Commands.Results;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Commands;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary>
/// The deployment check on <c>feature set</c>: a flag whose <c>introduced_by_url</c> names merge request !104 is enabled
/// only where the last successful deployment contains !104's merge commit.
/// </summary>
public sealed class DeploymentCheckTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    private const string Flag = "deploy_checked_flag";

    private TestGitRepository Git => fixture.Repository;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Definitions(int iid, string host = "gitlab.example.com")
    {
        var folder = TestPaths.NewTempFolder("vexil-definitions");
        Directory.CreateDirectory(Path.Combine(folder, "beta"));
        File.WriteAllText(Path.Combine(folder, "beta", $"{Flag}.yml"), $"""
            ---
            name: {Flag}
            introduced_by_url: https://{host}/gitlab-org/gitlab/-/merge_requests/{iid}
            rollout_issue_url: https://{host}/gitlab-org/gitlab/-/issues/1
            milestone: '17.10'
            type: beta
            group: group::release
            default_enabled: false
            """);
        return folder;
    }

    private Task<ReleaseHarness> StartAsync(int iid = 104, bool fetch = true) =>
        ReleaseHarness.StartAsync(Git, fetch, new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = Definitions(iid) });

    [Fact]
    public async Task Enabling_is_refused_where_the_last_deployment_lacks_the_merge_commit_and_passes_once_it_is_deployed()
    {
        await using var harness = await StartAsync();
        await harness.DeployAsync("staging", Git.Merge102, "17-9-auto-deploy-2026113000", 3);

        var refused = await harness.RunAsync($"feature set {Flag} true --staging");

        Assert.Equal(CommandOutcome.Refused, refused.Outcome);
        Assert.Equal(
            $"Unable to proceed because staging does not run gitlab-org/gitlab!104 yet: its last deployment, `17-9-auto-deploy-2026113000` (`{Git.Merge102[..8]}`) at 2025-02-03 10:03 UTC, does not contain the merge commit `{Git.Merge104[..8]}`. Wait for a deployment that contains it, or use --ignore-deployment-check.",
            refused.Headline);
        Assert.Null(harness.Commands.State("staging", Flag));
        var attempt = Assert.Single((await harness.Commands.Store.QueryAuditAsync(new AuditQuery(IncludeAttempts: true), Cancel)).Entries).Record!;
        Assert.Equal(AuditKinds.Attempt, attempt.Kind);
        Assert.Equal("deployment_check", attempt.Details["guard"]);

        await harness.DeployAsync("staging", Git.Merge104, TestGitRepository.AutoDeployBranch, 4);
        var accepted = await harness.RunAsync($"feature set {Flag} true --staging");

        Assert.True(accepted.Ok, accepted.ToPlainText());
        Assert.Empty(accepted.Notes);
        Assert.True(harness.Commands.State("staging", Flag)!.Boolean);
    }

    [Fact]
    public async Task Only_enabling_is_checked()
    {
        await using var harness = await StartAsync();
        await harness.DeployAsync("staging", Git.Merge102, "17-9-auto-deploy-2026113000");

        Assert.True((await harness.RunAsync($"feature set {Flag} false --staging")).Ok);
        Assert.True((await harness.RunAsync($"feature delete {Flag} --staging")).Ok);
    }

    [Fact]
    public async Task The_override_goes_on_and_is_audited()
    {
        await using var harness = await StartAsync();
        await harness.DeployAsync("staging", Git.Merge102, "17-9-auto-deploy-2026113000");

        var result = await harness.RunAsync($"feature set {Flag} true --staging --ignore-deployment-check");

        Assert.True(result.Ok, result.ToPlainText());
        var written = Assert.Single(await harness.Commands.AuditAsync());
        Assert.Contains("Deployment check ignored", written.Details["overrides"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_recorded_deployment_the_change_goes_on_with_a_notice()
    {
        await using var harness = await StartAsync();
        await harness.DeployAsync("staging", Git.Merge104, TestGitRepository.AutoDeployBranch);

        var result = await harness.RunAsync($"feature set {Flag} true --dev --staging");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal(["Deployment check skipped: no successful deployment to dev is recorded."], result.Notes);
        Assert.EndsWith("Note: Deployment check skipped: no successful deployment to dev is recorded.", result.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_request_the_mirror_cannot_place_gives_a_notice()
    {
        await using var harness = await StartAsync(iid: 106);
        await harness.DeployAsync("staging", Git.Merge101, "17-8-auto-deploy-2026110100");

        var result = await harness.RunAsync($"feature set {Flag} true --staging");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal(
            ["Deployment check skipped: Vexil cannot tell which commit merged gitlab-org/gitlab!106: no merge commit in `gitlab-org/gitlab` says `See merge request gitlab-org/gitlab!106`, and Vexil:GitLab is not configured to ask GitLab."],
            result.Notes);
    }

    [Fact]
    public async Task Before_the_first_fetch_the_change_goes_on_with_a_notice()
    {
        await using var harness = await StartAsync(fetch: false);

        var result = await harness.RunAsync($"feature set {Flag} true --staging");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal(["Deployment check skipped: the mirror of `gitlab-org/gitlab` has not been fetched yet."], result.Notes);
    }

    [Fact]
    public async Task Without_a_repository_the_check_is_off_and_the_answer_unchanged()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = Definitions(104) });

        var result = await harness.CliAsync($"feature set {Flag} true --staging");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Empty(result.Notes);
    }

    [Fact]
    public async Task The_GitLab_features_api_refuses_with_409_and_takes_ignore_deployment_check()
    {
        var definitions = Definitions(104);
        var mirror = Path.Combine(TestPaths.NewTempFolder("vexil-mirror"), "mirror.git");
        using var factory = VexilServerFactory.With(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = definitions,
            ["Vexil:Repository:Url"] = Git.Path,
            ["Vexil:Repository:Path"] = mirror,
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", VexilServerFactory.AdminToken);
        var fetched = await client.PostAsync("/api/v1/repository/fetch", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        await factory.Services.GetRequiredService<Vexil.Server.Deployments.IDeploymentStore>().RecordAsync(
            new Vexil.Server.Deployments.Deployment(0, "staging", Git.Merge102, "17-9-auto-deploy-2026113000", Vexil.Server.Deployments.DeploymentStatus.Success, DateTimeOffset.UtcNow, null, "ci"),
            Cancel);

        var refused = await client.PostAsync($"/api/v4/features/{Flag}", new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = "true", ["environment"] = "staging" }), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("or pass ignore_deployment_check=true.", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var forced = await client.PostAsync(
            $"/api/v4/features/{Flag}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = "true", ["environment"] = "staging", ["ignore_deployment_check"] = "true" }),
            Cancel);
        Assert.Equal(HttpStatusCode.Created, forced.StatusCode);
        var page = await factory.Services.GetRequiredService<IFlagStore>().QueryAuditAsync(new AuditQuery(PageSize: 10), Cancel);
        Assert.Equal("true", page.Events.First(e => e.Flag == Flag && e.Details.ContainsKey("ignore_deployment_check")).Details["ignore_deployment_check"]);
    }
}
