using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>The catalog's lookups.</summary>
public sealed class DefinitionCatalogTests
{
    [Fact]
    public void Definitions_are_sorted_by_name_and_found_by_exact_name()
    {
        var catalog = new DefinitionCatalog([Definition("zeta", true), Definition("alpha", false), Definition("beta_1", true)], []);

        Assert.Equal(["alpha", "beta_1", "zeta"], catalog.Definitions.Select(definition => definition.Name));
        Assert.True(catalog.TryGet("alpha", out var alpha));
        Assert.Equal("alpha", alpha.Name);
        Assert.False(catalog.TryGet("Alpha", out _));
        Assert.Equal(3, catalog.Count);
    }

    [Fact]
    public void Defaults_by_name_hold_each_default_enabled()
    {
        var catalog = new DefinitionCatalog([Definition("on_flag", true), Definition("off_flag", false)], []);

        Assert.Equal(
            new Dictionary<string, bool> { ["on_flag"] = true, ["off_flag"] = false },
            catalog.DefaultsByName.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void Errors_are_kept_in_order()
    {
        DefinitionError[] errors = [new("/a", "first"), new("/b", "second")];

        var catalog = new DefinitionCatalog([], errors);

        Assert.True(catalog.HasErrors);
        Assert.Equal(errors, catalog.Errors);
    }

    [Fact]
    public void Two_definitions_with_one_name_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DefinitionCatalog([Definition("twin", true), Definition("twin", false)], []));
    }

    [Fact]
    public void The_empty_catalog_has_nothing()
    {
        Assert.Equal(0, DefinitionCatalog.Empty.Count);
        Assert.False(DefinitionCatalog.Empty.HasErrors);
        Assert.Empty(DefinitionCatalog.Empty.DefaultsByName);
    }

    private static FlagDefinition Definition(string name, bool defaultEnabled) => new()
    {
        Name = name,
        IntroducedByUrl = "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1",
        Milestone = "17.9",
        Type = DefinitionType.Beta,
        Group = "group::duo chat",
        DefaultEnabled = defaultEnabled,
        SourcePath = $"/definitions/beta/{name}.yml",
    };
}
