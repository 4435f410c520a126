using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary>
/// <c>POST /api/v1/repository/fetch</c>, and the whole path through the real server: a deployment recorded with
/// <c>POST /api/v1/deployments</c>, then <c>auto_deploy status</c> and <c>release check</c> through <c>POST /api/v1/commands</c>.
/// </summary>
public sealed class RepositoryApiTests(GitRepositoryFixture fixture) : IClassFixture<GitRepositoryFixture>
{
    private TestGitRepository Git => fixture.Repository;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private VexilServerFactory Server(string? url) => VexilServerFactory.With(new Dictionary<string, string?>
    {
        ["Vexil:Repository:Url"] = url,
        ["Vexil:Repository:Path"] = Path.Combine(TestPaths.NewTempFolder("vexil-mirror"), "mirror.git"),
        ["Vexil:Repository:Name"] = "gitlab-org/gitlab",
        ["Vexil:Repository:WebUrl"] = "https://gitlab.example.com/gitlab-org/gitlab",
    });

    private static HttpClient Admin(VexilServerFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", VexilServerFactory.AdminToken);
        return client;
    }

    private static async Task<string> CommandAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/commands", new { text }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("text").GetString()!;
    }

    [Fact]
    public async Task Deployments_recorded_over_http_answer_auto_deploy_status_and_release_check_over_http()
    {
        using var factory = Server(Git.Path);
        using var client = Admin(factory);

        using var fetched = await client.PostAsync("/api/v1/repository/fetch", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var counts = await fetched.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(3, counts.GetProperty("tags").GetInt32());
        Assert.Equal(4, counts.GetProperty("merge_requests").GetInt32());

        using var recorded = await client.PostAsJsonAsync(
            "/api/v1/deployments",
            new { environment = "gprd", sha = Git.Merge104, @ref = TestGitRepository.AutoDeployBranch, status = "success", finished_at = "2026-12-04T10:00:00Z" },
            Cancel);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var status = await CommandAsync(client, $"auto_deploy status {Git.Merge102[..7]}");
        Assert.Contains($"production: deployed, in `{TestGitRepository.AutoDeployBranch}` (`{Git.Merge104[..8]}`) at 2026-12-04 10:00 UTC", status, StringComparison.Ordinal);

        Assert.Equal(
            "gitlab-org/gitlab!104 has been deployed to gprd. It will most likely be included in release 17.10.\n\nNote: Deployment: "
            + $"`{TestGitRepository.AutoDeployBranch}` (`{Git.Merge104[..8]}`) at 2026-12-04 10:00 UTC.",
            await CommandAsync(client, $"release check {TestGitRepository.MergeRequestUrl(104)} 17.10"));
    }

    [Fact]
    public async Task Fetching_needs_an_admin_token_and_a_configured_repository()
    {
        using var unconfigured = Server(null);
        using var anonymous = await unconfigured.CreateClient().PostAsync("/api/v1/repository/fetch", null, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var response = await Admin(unconfigured).PostAsync("/api/v1/repository/fetch", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(
            "No repository is configured; set Vexil:Repository:Url to the repository's URL or path, then fetch again.",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_failed_fetch_is_502_with_gits_message_and_no_credentials()
    {
        using var factory = Server("https://user:s3cret-token@127.0.0.1:1/group/project.git");
        using var response = await Admin(factory).PostAsync("/api/v1/repository/fetch", null, Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString()!;
        Assert.StartsWith("git fetch failed (exit code 128): ", detail, StringComparison.Ordinal);
        Assert.EndsWith("Check Vexil:Repository:Url and the server's access to it; the previous mirror stays in use.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", detail, StringComparison.Ordinal);
    }
}
