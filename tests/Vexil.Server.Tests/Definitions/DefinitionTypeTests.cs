using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>GitLab's type catalogue: which types may default to on, and how long each is expected to live.</summary>
public sealed class DefinitionTypeTests
{
    [Theory]
    [InlineData("gitlab_com_derisk", false, 2)]
    [InlineData("wip", false, 4)]
    [InlineData("beta", true, 6)]
    [InlineData("ops", true, null)]
    [InlineData("experiment", false, 6)]
    [InlineData("worker", false, null)]
    [InlineData("undefined", false, null)]
    public void Each_type_has_gitlabs_rules(string name, bool allowsDefaultEnabled, int? lifetimeMonths)
    {
        Assert.True(DefinitionType.TryGet(name, out var type));
        Assert.Equal(name, type.Name);
        Assert.Equal(allowsDefaultEnabled, type.AllowsDefaultEnabled);
        Assert.Equal(lifetimeMonths, type.LifetimeMonths);
    }

    [Theory]
    [InlineData("development")]
    [InlineData("Beta")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_not_types(string? name)
    {
        Assert.False(DefinitionType.TryGet(name, out _));
    }

    [Fact]
    public void The_catalogue_lists_seven_types_in_gitlabs_order()
    {
        Assert.Equal(
            ["gitlab_com_derisk", "wip", "beta", "ops", "experiment", "worker", "undefined"],
            DefinitionType.All.Select(type => type.Name));
    }
}
