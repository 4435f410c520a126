using Vexil.Server.Repository;
using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary>The in-memory history, fed the lines git prints, without git.</summary>
public sealed class CommitGraphTests
{
    private const string A = "aaaaaaa100000000000000000000000000000000";
    private const string B = "aaaaaaa200000000000000000000000000000000";
    private const string C = "ccccccc300000000000000000000000000000000";
    private const string D = "ddddddd400000000000000000000000000000000";
    private const string Tag = "eeeeeee500000000000000000000000000000000";

    // A <- B <- D (merge of B and C), C <- (A); a cherry-pick E of D on another line keeps D's message.
    private static CommitGraph Graph(bool pickFirst = true)
    {
        var builder = new CommitGraphBuilder();
        var pick = "fffffff600000000000000000000000000000000";
        var log = new List<string>();
        void Commit(string sha, string parents, params string[] message)
        {
            log.Add($"\x1e{sha}\x1f{parents}\x1f{message[0]}");
            log.AddRange(message.Skip(1));
        }

        if (pickFirst)
        {
            Commit(pick, A, "Merge branch 'x' into 'master'", "", "See merge request gitlab-org/gitlab!7", "", "(cherry picked from commit ddddddd4)");
        }

        Commit(D, $"{B} {C}", "Merge branch 'x' into 'master'", "", "See merge request gitlab-org/gitlab!7");
        Commit(C, A, "Feature C");
        Commit(B, A, "Feature B", "", "Body that mentions See merge request gitlab-org/other!8 too");
        Commit(A, "", "", "Title on the second line");
        if (!pickFirst)
        {
            Commit(pick, A, "Merge branch 'x' into 'master'", "", "See merge request gitlab-org/gitlab!7");
        }

        foreach (var line in log)
        {
            builder.AddLogLine(line);
        }

        builder.AddRefLine($"refs/heads/master\t{D}\t");
        builder.AddRefLine($"refs/tags/v1.0.0-ee\t{Tag}\t{B}");
        builder.AddRefLine($"refs/tags/v0.9.0-ee\t{A}\t");
        builder.AddRefLine($"refs/merge-requests/7/head\t{C}\t");
        return builder.Build(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void A_full_or_unique_short_sha_resolves_in_any_case()
    {
        var graph = Graph();
        Assert.Equal(C, graph.Resolve(C).Sha);
        Assert.Equal(C, graph.Resolve("CCCCCCC").Sha);
        Assert.Equal(D, graph.Resolve(" ddddddd4 ").Sha);
    }

    [Fact]
    public void An_ambiguous_prefix_lists_its_candidates()
    {
        var lookup = Graph().Resolve("aaaaaaa");
        Assert.False(lookup.Found);
        Assert.True(lookup.Ambiguous);
        Assert.Equal([A, B], lookup.Candidates);
    }

    [Fact]
    public void An_unknown_sha_finds_nothing()
    {
        var lookup = Graph().Resolve("1234567");
        Assert.False(lookup.Found);
        Assert.False(lookup.Ambiguous);
        Assert.Empty(lookup.Candidates);
    }

    [Fact]
    public void Containment_follows_every_parent_of_a_merge()
    {
        var graph = Graph();
        Assert.True(graph.Contains(D, C));
        Assert.True(graph.Contains(D, B));
        Assert.True(graph.Contains(D, A));
        Assert.True(graph.Contains(C, C));
        Assert.False(graph.Contains(C, B));
        Assert.False(graph.Contains(A, D));
        Assert.Null(graph.DescendantsOf(D).Contain("0000000000000000000000000000000000000000"));
        Assert.Null(graph.DescendantsOf("0000000000000000000000000000000000000000").Contain(D));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_merge_request_index_prefers_the_merge_commit_over_a_cherry_pick(bool pickFirst)
    {
        var graph = Graph(pickFirst);
        Assert.Equal(D, graph.MergeCommitOf("gitlab-org/gitlab", 7));
        Assert.Equal(D, graph.MergeCommitOf("GitLab-org/GitLab/", 7));
        Assert.Equal(B, graph.MergeCommitOf("gitlab-org/other", 8));
        Assert.Null(graph.MergeCommitOf("gitlab-org/gitlab", 8));
    }

    [Fact]
    public void Annotated_tags_are_peeled_and_only_branches_and_tags_are_kept()
    {
        var graph = Graph();
        Assert.Equal(B, graph.Tags["v1.0.0-ee"]);
        Assert.Equal(A, graph.Tags["v0.9.0-ee"]);
        Assert.Equal(D, graph.Branches["master"]);
        Assert.Equal(2, graph.Tags.Count);
        Assert.Single(graph.Branches);
    }

    [Fact]
    public void The_title_is_the_first_line_of_the_message_even_after_an_empty_one()
    {
        var graph = Graph();
        Assert.Equal("Feature C", graph.TitleOf(C));
        Assert.Equal("Title on the second line", graph.TitleOf(A));
    }
}
