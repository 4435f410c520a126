using Vexil.Core.Actors;
using Vexil.Core.Naming;
using Xunit;

namespace Vexil.Core.Tests.Actors;

public sealed class ActorIdTests
{
    [Theory]
    [InlineData("User:42")]
    [InlineData("Project:gitlab-org/gitlab")]
    [InlineData("User:é😀")]
    [InlineData("1")]
    public void Accepts_ordinary_ids(string id) => Assert.Null(ActorId.Validate(id));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("User:\u0001", "control character")]
    [InlineData("User:\n1", "control character")]
    public void Refuses_bad_ids(string id, string fragment) => Assert.Contains(fragment, ActorId.Validate(id), StringComparison.Ordinal);

    [Fact]
    public void Refuses_lone_surrogates()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate intact.
        var id = "User:" + (char)0xD800;
        Assert.Contains("lone UTF-16 surrogate", ActorId.Validate(id), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_ids_longer_than_255_characters()
    {
        Assert.Null(ActorId.Validate(new string('a', 255)));
        Assert.Contains("at most 255", ActorId.Validate(new string('a', 256)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duo_chat_multi_thread", true)]
    [InlineData("a", true)]
    [InlineData("a1_b2", true)]
    [InlineData("", false)]
    [InlineData("_a", false)]
    [InlineData("a_", false)]
    [InlineData("a__b", false)]
    [InlineData("A", false)]
    [InlineData("a-b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void Flag_names_follow_gitlabs_pattern(string name, bool valid)
    {
        Assert.Equal(valid, FlagName.IsValid(name));
        Assert.Equal(valid, FlagName.Validate(name) is null);
    }
}
