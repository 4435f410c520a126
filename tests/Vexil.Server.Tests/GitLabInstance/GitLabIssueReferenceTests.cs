using Vexil.Server.GitLabInstance;
using Xunit;

namespace Vexil.Server.Tests.GitLabInstance;

/// <summary>Reading a rollout issue's web URL into the project path and iid that GitLab's REST API takes.</summary>
public sealed class GitLabIssueReferenceTests
{
    private static readonly Uri Instance = new("https://gitlab.example.com");

    [Theory]
    [InlineData("https://gitlab.example.com/gitlab-org/gitlab/-/issues/511234", "gitlab-org/gitlab", 511234)]
    [InlineData("https://gitlab.example.com/group/sub/app/-/issues/42#note_1", "group/sub/app", 42)]
    [InlineData("https://GITLAB.example.com/group/app/issues/7", "group/app", 7)]
    public void An_issue_url_on_the_instance_gives_the_project_and_iid(string url, string project, long iid) =>
        Assert.Equal(new GitLabIssueReference(project, iid), GitLabIssueReference.TryParse(url, Instance));

    [Theory]
    [InlineData("https://gitlab.com/gitlab-org/gitlab/-/issues/511234")]   // another instance: never send it our token
    [InlineData("http://gitlab.example.com/gitlab-org/gitlab/-/issues/1")]  // another scheme
    [InlineData("https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/177977")]
    [InlineData("https://gitlab.example.com/gitlab-org/gitlab/-/issues/abc")]
    [InlineData("https://gitlab.example.com/gitlab/-/issues/3")]
    [InlineData("not a url")]
    [InlineData(null)]
    public void Anything_else_is_not_an_issue_on_the_instance(string? url) =>
        Assert.Null(GitLabIssueReference.TryParse(url, Instance));

    [Fact]
    public void An_instance_under_a_path_keeps_its_prefix_out_of_the_project() =>
        Assert.Equal(
            new GitLabIssueReference("group/app", 5),
            GitLabIssueReference.TryParse("https://example.com/gitlab/group/app/-/issues/5", new Uri("https://example.com/gitlab/")));
}
