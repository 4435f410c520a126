using Vexil.Server.Repository;
using Xunit;

namespace Vexil.Server.Tests.Repository;

public sealed class VersionPatternTests
{
    [Fact]
    public void GitLab_stable_branches_and_tags_format_and_match()
    {
        var branch = new VersionPattern("{major}-{minor}-stable-ee");
        Assert.Equal("17-9-stable-ee", branch.Format(17, 9));
        Assert.Equal(new Version(17, 9, 0), branch.Match("17-9-stable-ee"));
        Assert.Null(branch.Match("17-9-stable"));

        var tag = new VersionPattern("v{major}.{minor}.{patch}-ee");
        Assert.Equal(new Version(17, 10, 2), tag.Match("v17.10.2-ee"));
        Assert.Null(tag.Match("v17.10.0-rc1-ee"));
        Assert.Null(tag.Match("v17x10.0-ee"));
    }

    [Fact]
    public void A_pattern_without_its_placeholders_is_named()
    {
        Assert.Equal("'stable' lacks {major} and {minor}; write each placeholder once", VersionPattern.Problem("stable", VersionPattern.MajorMinor));
        Assert.Null(VersionPattern.Problem("{major}-{minor}-stable", VersionPattern.MajorMinor));
    }
}
