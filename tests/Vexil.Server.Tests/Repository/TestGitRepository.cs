using Vexil.Server.Repository;
using Vexil.Server.Tests.Infrastructure;

namespace Vexil.Server.Tests.Repository;

/// <summary>
/// A real git repository made with <c>git</c>, shaped like GitLab's: merge commits with GitLab's messages, tags
/// <c>v17.8.0-ee</c> and <c>v17.9.0-ee</c>, a <c>17-9-stable-ee</c> branch and an auto-deploy branch.
/// <code>
/// master: initial - merge !101 [v17.8.0-ee] - merge !102 [v17.9.0-ee] - merge !104 [17-10-auto-deploy-2026120410] - squashed !106
/// 17-9-stable-ee: from merge !102, then merge !103 (a merge request into the stable branch), then !104 cherry-picked
///                 with -x (its message, naming !104, kept: the index must still pick the merge commit on master)
/// </code>
/// </summary>
internal sealed class TestGitRepository
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private int clock;

    private TestGitRepository(string path) => Path = path;

    /// <summary>The repository's working tree (a local path is a valid <c>Vexil:Repository:Url</c>).</summary>
    public string Path { get; }

    public string Initial { get; private set; } = "";

    public string Merge101 { get; private set; } = "";

    public string Merge102 { get; private set; } = "";

    public string Merge103 { get; private set; } = "";

    /// <summary>!104's merge commit cherry-picked into the stable branch.</summary>
    public string Pick104 { get; private set; } = "";

    public string Merge104 { get; private set; } = "";

    /// <summary>!106, merged by squash: a plain commit whose message does not name the merge request.</summary>
    public string Squash106 { get; private set; } = "";

    public const string AutoDeployBranch = "17-10-auto-deploy-2026120410";

    public static string MergeRequestUrl(int iid) => $"https://gitlab.example.com/gitlab-org/gitlab/-/merge_requests/{iid}";

    public static async Task<TestGitRepository> CreateAsync(CancellationToken cancellationToken)
    {
        var repository = new TestGitRepository(TestPaths.NewTempFolder("vexil-git"));
        await repository.BuildAsync(cancellationToken);
        return repository;
    }

    /// <summary>Runs git in the repository.</summary>
    public async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        string[] identity = ["-c", "user.name=Vexil Test", "-c", "user.email=test@vexil.example", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"];
        return (await GitProcess.RunAsync(Path, [.. identity, .. arguments], Timeout, cancellationToken)).Trim();
    }

    /// <summary>A commit on the current branch touching one file; returns its sha.</summary>
    public async Task<string> CommitAsync(string message, CancellationToken cancellationToken)
    {
        clock++;
        await File.WriteAllTextAsync(System.IO.Path.Combine(Path, $"file{clock}.txt"), message, cancellationToken);
        await GitAsync(cancellationToken, "add", "-A");
        await GitAsync(cancellationToken, "commit", "--quiet", "-m", message, "--date", $"2026-12-01T10:{clock:00}:00Z");
        return await GitAsync(cancellationToken, "rev-parse", "HEAD");
    }

    /// <summary>A feature branch with one commit, merged with GitLab's merge commit message; returns the merge commit.</summary>
    public async Task<string> MergeRequestAsync(int iid, string into, CancellationToken cancellationToken)
    {
        var feature = $"feature-{iid}-{clock}";
        await GitAsync(cancellationToken, "checkout", "--quiet", "-b", feature, into);
        await CommitAsync($"Add feature {iid}", cancellationToken);
        await GitAsync(cancellationToken, "checkout", "--quiet", into);
        var message = $"Merge branch '{feature}' into '{into}'\n\nAdd feature {iid}\n\nSee merge request gitlab-org/gitlab!{iid}";
        await GitAsync(cancellationToken, "merge", "--quiet", "--no-ff", "-m", message, feature);
        await GitAsync(cancellationToken, "branch", "--quiet", "-D", feature);
        return await GitAsync(cancellationToken, "rev-parse", "HEAD");
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        await GitAsync(cancellationToken, "init", "--quiet", "--initial-branch=master");
        Initial = await CommitAsync("Initial commit", cancellationToken);
        Merge101 = await MergeRequestAsync(101, "master", cancellationToken);
        await GitAsync(cancellationToken, "tag", "-a", "-m", "Version 17.8.0", "v17.8.0-ee");
        Merge102 = await MergeRequestAsync(102, "master", cancellationToken);
        await GitAsync(cancellationToken, "branch", "17-9-stable-ee");
        await GitAsync(cancellationToken, "tag", "v17.9.0-ee");
        Merge103 = await MergeRequestAsync(103, "17-9-stable-ee", cancellationToken);
        await GitAsync(cancellationToken, "checkout", "--quiet", "master");
        Merge104 = await MergeRequestAsync(104, "master", cancellationToken);
        await GitAsync(cancellationToken, "branch", AutoDeployBranch);
        Squash106 = await CommitAsync("Add feature 106 (squashed)", cancellationToken);
        await GitAsync(cancellationToken, "checkout", "--quiet", "17-9-stable-ee");
        await GitAsync(cancellationToken, "cherry-pick", "-x", "-m", "1", Merge104);
        Pick104 = await GitAsync(cancellationToken, "rev-parse", "HEAD");

        // A release candidate tag does not count as a release (GitLab ignores them too).
        await GitAsync(cancellationToken, "tag", "v17.10.0-rc1");
        await GitAsync(cancellationToken, "checkout", "--quiet", "master");
    }
}
