using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>Loading folders: broken files are skipped and reported, never thrown; duplicates and folder layouts.</summary>
public sealed class DefinitionLoaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_bad_file_is_skipped_while_the_good_ones_load()
    {
        folder.WriteValid("first_flag");
        var bad = folder.Write("wip/broken_flag.yml", DefinitionYaml.With("broken_flag", "wip", ("type", "nonsense")));
        folder.WriteValid("second_flag", "ops", defaultEnabled: true);

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Equal(["first_flag", "second_flag"], catalog.Definitions.Select(definition => definition.Name));
        var error = Assert.Single(catalog.Errors);
        Assert.Equal(bad, error.FullPath);
        Assert.Equal("wip/broken_flag.yml", error.Path);
        Assert.False(catalog.Contains("broken_flag"));
    }

    [Theory]
    [InlineData("name: my_flag\ntype: \"beta\ndefault_enabled: false\n", "The file is not valid YAML at line 2, column 7: While scanning a multi-line double-quoted scalar")]
    [InlineData("name: my_flag\n\ttype: beta\n", "The file is not valid YAML at line 1, column 7: ")]
    [InlineData("name: my_flag\ntype: [beta\n", "The file is not valid YAML at line 3, column 1: ")]
    [InlineData("name: my_flag\ntype: [beta\ndefault_enabled: false\n", "The file is not valid YAML: parsing stopped after line 2, column 7, usually at an unclosed [ or {.")]
    public void Malformed_yaml_is_reported_with_its_position_while_other_files_load(string content, string expectedStart)
    {
        folder.WriteValid("good_flag");
        var path = folder.Write("beta/my_flag.yml", content);

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Equal(["good_flag"], catalog.Definitions.Select(definition => definition.Name));
        var error = Assert.Single(catalog.Errors);
        Assert.StartsWith($"Invalid definition for `{folder.Shown(path)}`: {expectedStart}", error.Message);
        Assert.EndsWith("Fix the syntax and save the file again.", error.Message);
    }

    [Fact]
    public void A_field_written_twice_is_malformed()
    {
        var path = folder.Write("beta/my_flag.yml", DefinitionYaml.Valid("my_flag") + "default_enabled: true\n");

        var error = Assert.Single(DefinitionLoader.Load([folder.Root]).Errors);

        Assert.StartsWith($"Invalid definition for `{folder.Shown(path)}`: The file is not valid YAML at line 10, column 1:", error.Message);
        Assert.Contains("default_enabled", error.Message);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("---\n", "The file is empty.")]
    [InlineData("# only a comment\n", "The file is empty.")]
    [InlineData("- name: my_flag\n", "The file must be a YAML mapping of fields such as `name: my_flag`, not a list.")]
    [InlineData("my_flag\n", "The file must be a YAML mapping of fields such as `name: my_flag`, not the string 'my_flag'.")]
    [InlineData("name: my_flag\n---\nname: my_flag\n", "The file holds 2 YAML documents; a definition is exactly one.")]
    public void A_file_that_is_not_one_mapping_is_reported(string content, string expectedStart)
    {
        var path = folder.Write("beta/my_flag.yml", content);

        var error = Assert.Single(DefinitionLoader.Load([folder.Root]).Errors);

        Assert.StartsWith($"Invalid definition for `{folder.Shown(path)}`: {expectedStart}", error.Message);
    }

    [Fact]
    public void A_flag_defined_in_two_folders_is_a_duplicate_and_the_first_wins()
    {
        using var second = new TempFolder();
        var first = folder.WriteValid("my_flag", "beta", defaultEnabled: true);
        var duplicate = second.WriteValid("my_flag", "wip");

        var catalog = DefinitionLoader.Load([folder.Root, second.Root]);

        Assert.Equal(first, catalog.ByName["my_flag"].SourcePath);
        var error = Assert.Single(catalog.Errors);
        Assert.Equal(duplicate, error.FullPath);
        Assert.StartsWith(
            $"Invalid definition for `{second.Shown(duplicate)}`: Feature flag 'my_flag' is already defined in '{folder.Shown(first)}'.",
            error.Message);
    }

    [Fact]
    public void A_flag_defined_under_two_types_in_one_folder_is_a_duplicate()
    {
        var first = folder.WriteValid("my_flag", "beta");
        var duplicate = folder.WriteValid("my_flag", "ops");

        var error = Assert.Single(DefinitionLoader.Load([folder.Root]).Errors);

        Assert.Equal($"Invalid definition for `{folder.Shown(duplicate)}`: Feature flag 'my_flag' is already defined in '{folder.Shown(first)}'. Delete one of the two files, or rename one of the flags.", error.Message);
    }

    [Fact]
    public void The_same_folder_listed_twice_is_not_a_duplicate()
    {
        folder.WriteValid("my_flag");

        var catalog = DefinitionLoader.Load([folder.Root, folder.Root + "/", Path.Combine(folder.Root, "beta", "..")]);

        Assert.Empty(catalog.Errors);
        Assert.Equal(1, catalog.Count);
    }

    [Fact]
    public void A_missing_folder_is_an_error_entry_and_the_other_folders_still_load()
    {
        folder.WriteValid("my_flag");
        var missing = Path.Combine(folder.Root, "does_not_exist");

        var catalog = DefinitionLoader.Load([missing, folder.Root]);

        Assert.Equal(1, catalog.Count);
        var error = Assert.Single(catalog.Errors);
        Assert.Equal(missing, error.Path);
        Assert.Equal($"Definitions folder '{missing}' does not exist. Create it, or correct Vexil:Definitions:Paths.", error.Message);
    }

    [Fact]
    public void An_empty_folder_entry_is_an_error_entry()
    {
        var error = Assert.Single(DefinitionLoader.Load([" "]).Errors);

        Assert.Contains("empty entry", error.Message);
    }

    [Fact]
    public void An_empty_folder_loads_nothing_without_errors()
    {
        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Equal(0, catalog.Count);
        Assert.Empty(catalog.Errors);
    }

    [Fact]
    public void Relative_folders_resolve_against_the_base_directory()
    {
        var path = folder.WriteValid("my_flag", under: Path.Combine("config", "flags"));

        var catalog = DefinitionLoader.Load([Path.Combine("config", "flags")], baseDirectory: folder.Root);

        Assert.Equal(path, catalog.ByName["my_flag"].SourcePath);
    }

    [Fact]
    public void A_gitlab_repository_root_loads_config_and_ee_feature_flags_only()
    {
        var ce = folder.WriteValid("ce_flag", under: Path.Combine("config", "feature_flags"));
        var ee = folder.WriteValid("ee_flag", "wip", under: Path.Combine("ee", "config", "feature_flags"));
        folder.Write(Path.Combine("config", "database.yml"), "production:\n  adapter: postgresql\n");

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        Assert.Equal(ce, catalog.ByName["ce_flag"].SourcePath);
        Assert.Equal(ee, catalog.ByName["ee_flag"].SourcePath);
    }

    [Fact]
    public void A_config_feature_flags_folder_given_directly_loads_its_type_folders()
    {
        folder.WriteValid("my_flag", "ops", under: Path.Combine("config", "feature_flags"));

        var catalog = DefinitionLoader.Load([Path.Combine(folder.Root, "config", "feature_flags")]);

        Assert.Empty(catalog.Errors);
        Assert.True(catalog.Contains("my_flag"));
    }

    [Fact]
    public void Files_that_are_not_yaml_and_hidden_files_are_ignored()
    {
        folder.WriteValid("my_flag");
        folder.Write("beta/README.md", "# Beta flags\n");
        folder.Write("beta/my_flag.yml.orig", "not: [yaml\n");
        folder.Write("beta/.other_flag.yml", "not: [yaml\n");

        var catalog = DefinitionLoader.Load([folder.Root]);

        Assert.Empty(catalog.Errors);
        Assert.Equal(1, catalog.Count);
    }

    [Fact]
    public void Fields_come_back_in_gitlabs_order_with_every_field_present()
    {
        folder.WriteValid("my_flag");

        var fields = DefinitionLoader.Load([folder.Root]).ByName["my_flag"].Fields;

        Assert.Equal(DefinitionFields.All, fields.Select(field => field.Key));
        Assert.Equal(
            new object?[]
            {
                "my_flag",
                "https://gitlab.com/groups/gitlab-org/-/epics/16108",
                "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977",
                "https://gitlab.com/gitlab-org/gitlab/-/issues/511234",
                "17.9",
                null,
                "beta",
                "group::duo chat",
                false,
            },
            fields.Select(field => field.Value));
    }
}
