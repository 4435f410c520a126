using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>Vexil's own <c>lifecycle: permanent</c> field: accepted beside GitLab's fields, with one value only.</summary>
public sealed class LifecycleFieldTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Lifecycle_permanent_is_accepted_and_marks_the_definition()
    {
        folder.Write("beta/kept_flag.yml", DefinitionYaml.With("kept_flag", "beta", ("lifecycle", "permanent")));
        folder.WriteValid("plain_flag");

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        Assert.True(catalog.Definitions.Single(definition => definition.Name == "kept_flag").Permanent);
        Assert.False(catalog.Definitions.Single(definition => definition.Name == "plain_flag").Permanent);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("true")]
    public void Any_other_lifecycle_value_is_refused_with_the_one_allowed(string value)
    {
        folder.Write("beta/kept_flag.yml", DefinitionYaml.With("kept_flag", "beta", ("lifecycle", value)));

        var catalog = DefinitionLoader.Load([folder.Root]);

        var error = Assert.Single(catalog.Errors);
        Assert.Contains("Feature flag 'kept_flag' lifecycle must be `permanent`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_lists_lifecycle_among_the_fields()
    {
        folder.Write("beta/kept_flag.yml", DefinitionYaml.With("kept_flag", "beta", ("lifecycel", "permanent")));

        var error = Assert.Single(DefinitionLoader.Load([folder.Root]).Errors);

        Assert.EndsWith("default_enabled, lifecycle.", error.Message, StringComparison.Ordinal);
    }
}
